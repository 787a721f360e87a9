using System.Collections;

namespace MiniGrad;

/// <summary>
/// A growable list of references held in an array of one-field structs.
/// </summary>
/// <remarks>
/// Storing a reference into an array whose element type is an interface or an unsealed class costs a runtime type
/// check per store (arrays are covariant), a helper call that <see cref="List{T}"/> pays on every <c>Add</c>; storing
/// into a field of a struct element costs none. The tape, the backward pass and the temporaries it collects store a
/// few dozen such references per training step.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ReferenceList<T> : IReadOnlyList<T>
    where T : class
{
    private struct Slot
    {
        public T Item;
    }

    private Slot[] slots = new Slot[16];
    private int count;

    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The list holds {count} items.");
            return slots[index].Item;
        }
    }

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        if (count == slots.Length) Array.Resize(ref slots, 2 * count);
        slots[count++].Item = item;
    }

    /// <summary>Removes every item, dropping the references.</summary>
    public void Clear()
    {
        Array.Clear(slots, 0, count);
        count = 0;
    }

    /// <summary>Removes the first occurrence of <paramref name="item"/> (by reference); false if absent.</summary>
    public bool Remove(T item)
    {
        for (int i = 0; i < count; i++)
        {
            if (!ReferenceEquals(slots[i].Item, item)) continue;
            Array.Copy(slots, i + 1, slots, i, count - i - 1);
            slots[--count].Item = null!;
            return true;
        }
        return false;
    }

    /// <summary>Removes the items <paramref name="match"/> selects, keeping the order of the rest.</summary>
    public void RemoveAll(Func<T, bool> match)
    {
        int kept = 0;
        for (int i = 0; i < count; i++)
            if (!match(slots[i].Item)) slots[kept++].Item = slots[i].Item;
        Array.Clear(slots, kept, count - kept);
        count = kept;
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return slots[i].Item;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
