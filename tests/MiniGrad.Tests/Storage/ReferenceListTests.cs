namespace MiniGrad.Tests.Storage;

/// <summary>The list the tape and the backward pass keep their references in: a list, in insertion order.</summary>
public class ReferenceListTests
{
    [Fact]
    public void KeepsItemsInOrderThroughGrowthRemovalAndClearing()
    {
        var list = new ReferenceList<string>();
        var items = Enumerable.Range(0, 40).Select(i => $"item {i}").ToArray(); // past the first capacity of 16
        foreach (var item in items) list.Add(item);
        Assert.Equal(items.Length, list.Count);
        Assert.Equal(items, list);
        Assert.Equal(items[17], list[17]);

        Assert.True(list.Remove(items[3]));
        Assert.False(list.Remove("not there"));
        list.RemoveAll(s => s.EndsWith('5'));
        var expected = items.Where((s, i) => i != 3 && !s.EndsWith('5')).ToArray();
        Assert.Equal(expected, list);
        Assert.Equal(expected.Length, list.Count);

        list.Clear();
        Assert.Empty(list);
        list.Add(items[0]);
        Assert.Equal([items[0]], list);
    }

    [Fact]
    public void RemoveTakesTheItemItselfNotAnEqualOne()
    {
        string a = new('x', 3), b = new('x', 3); // equal strings, different objects
        var list = new ReferenceList<string>();
        list.Add(a);
        list.Add(b);
        Assert.True(list.Remove(b));
        Assert.Same(a, Assert.Single(list));
    }

    [Fact]
    public void AnIndexOutsideTheItemsThrowsNamingTheCount()
    {
        var list = new ReferenceList<string>();
        list.Add("a");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => list[1]);
        Assert.Contains("holds 1 items", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }
}
