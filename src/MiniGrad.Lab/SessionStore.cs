using System.Collections.Concurrent;

namespace MiniGrad.Lab;

/// <summary>The playground sessions of one lab server, one per browser tab, by id.</summary>
public sealed class SessionStore
{
    /// <summary>The most sessions at once: each one holds a network and may train.</summary>
    public const int MaxSessions = 64;

    private readonly ConcurrentDictionary<string, PlaygroundSession> sessions = new(StringComparer.Ordinal);

    /// <summary>How many sessions are open.</summary>
    public int Count => sessions.Count;

    /// <summary>Starts a session of <paramref name="settings"/> under a new random id.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    /// <exception cref="InvalidOperationException">Too many sessions are open.</exception>
    public PlaygroundSession Create(PlaygroundSettings settings)
    {
        if (sessions.Count >= MaxSessions)
            throw new InvalidOperationException($"{MaxSessions} sessions are open already; close a lab tab first.");
        // The id only tells tabs apart; it is not a secret (the server listens on 127.0.0.1 only).
        var session = new PlaygroundSession(Guid.NewGuid().ToString("N"), settings);
        sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session of <paramref name="id"/>, or null.</summary>
    public PlaygroundSession? Find(string id) => sessions.GetValueOrDefault(id);

    /// <summary>Ends the session of <paramref name="id"/>; true when there was one.</summary>
    public bool Remove(string id) => sessions.TryRemove(id, out _);
}
