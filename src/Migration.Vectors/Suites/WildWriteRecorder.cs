using Migration.Hardware.Memory;

namespace Migration.Vectors.Suites;

/// <summary>
/// Records the words an op writes outside the page-table pages (wild writes, vectors README
/// "Wild writes"): the addresses written, later reported with their content if it differs from the sentinel.
/// </summary>
public sealed class WildWriteRecorder : IPhysicalWriteObserver
{
    private readonly PhysicalPageAllocator _tables;
    private readonly SortedSet<uint> _written = new();

    /// <summary>Treats every allocated page of <paramref name="tables"/> as page-table memory.</summary>
    public WildWriteRecorder(PhysicalPageAllocator tables) => _tables = tables;

    /// <inheritdoc />
    public void OnWordWritten(uint pa, uint value)
    {
        if (!_tables.IsAllocated(pa))
            _written.Add(pa);
    }

    /// <summary>The wild writes since the last call whose content now differs from the sentinel, sorted by address.</summary>
    public List<(uint Addr, uint Value)> Drain(PhysicalMemory memory, uint sentinel)
    {
        var list = new List<(uint, uint)>();
        foreach (uint pa in _written)
        {
            uint v = memory.ReadWord(pa);
            if (v != sentinel)
                list.Add((pa, v));
        }
        _written.Clear();
        return list;
    }
}
