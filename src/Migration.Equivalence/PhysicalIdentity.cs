namespace Migration.Equivalence;

/// <summary>
/// Names physical pages by what they hold rather than where an allocator put them: a world registers each client
/// buffer's pages under a buffer number that the scenario assigns identically in both worlds, and the canonical
/// maps then show "buffer 3, offset 0x2000" instead of two unrelated frame numbers. Unnamed pages keep their raw
/// physical address (identities below 4 GiB are raw addresses; named ones lie above).
/// </summary>
public sealed class PhysicalIdentity
{
    private const uint PageMask = 0xFFF;
    private const int ChunkShift = 10; // 1024 pages (4 MiB) per chunk of the name table

    // The names by page frame number, in chunks allocated on first use: resolving a page is two array loads, which the
    // engine does for every page of every slot it compares (a dictionary lookup per page was most of a compare).
    private readonly ulong[]?[] _chunks = new ulong[]?[1 << (20 - ChunkShift)];

    /// <summary>Number of named pages.</summary>
    public int Count { get; private set; }

    /// <summary>Names the page at <paramref name="pagePa"/> as page <paramref name="pageIndex"/> of buffer <paramref name="buffer"/>.</summary>
    public void Name(int buffer, uint pageIndex, uint pagePa)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(buffer);
        uint pfn = pagePa >> 12;
        ref ulong slot = ref (_chunks[pfn >> ChunkShift] ??= new ulong[1 << ChunkShift])[pfn & ((1 << ChunkShift) - 1)];
        if (slot == 0)
            Count++;
        slot = ((ulong)(buffer + 1) << 32) | ((ulong)pageIndex << 12);
    }

    /// <summary>Names <paramref name="pages"/> (one physical page per 4 KiB of the buffer, in order) as buffer <paramref name="buffer"/>.</summary>
    public void Name(int buffer, ReadOnlySpan<uint> pages)
    {
        for (int i = 0; i < pages.Length; i++)
            Name(buffer, (uint)i, pages[i]);
    }

    /// <summary>Names the contiguous range [pa, pa + bytes) as buffer <paramref name="buffer"/>.</summary>
    public void NameContiguous(int buffer, uint pa, uint bytes)
    {
        for (uint off = 0; off < bytes; off += 0x1000)
            Name(buffer, off >> 12, pa + off);
    }

    /// <summary>Forgets the names of the pages of [pa, pa + bytes) (the buffer was freed; its frames may be reused).</summary>
    public void Forget(uint pa, uint bytes)
    {
        for (uint off = 0; off < bytes; off += 0x1000)
            ForgetPage(pa + off);
    }

    /// <summary>Forgets one page.</summary>
    public void ForgetPage(uint pagePa)
    {
        uint pfn = pagePa >> 12;
        if (_chunks[pfn >> ChunkShift] is not { } chunk)
            return;
        ref ulong slot = ref chunk[pfn & ((1 << ChunkShift) - 1)];
        if (slot != 0)
            Count--;
        slot = 0;
    }

    /// <summary>The identity of physical address <paramref name="pa"/>.</summary>
    public ulong Resolve(uint pa)
    {
        uint pfn = pa >> 12;
        ulong page = _chunks[pfn >> ChunkShift] is { } chunk ? chunk[pfn & ((1 << ChunkShift) - 1)] : 0;
        return page != 0 ? page | (pa & PageMask) : pa;
    }

    /// <summary>"0x80001000" for a raw address, "buf3+0x2000" for a named one.</summary>
    public static string Format(ulong identity) =>
        identity < 0x1_0000_0000UL ? $"0x{identity:x8}" : $"buf{(identity >> 32) - 1}+0x{identity & 0xFFFFFFFF:x}";
}
