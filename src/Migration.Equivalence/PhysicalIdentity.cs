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
    private readonly Dictionary<uint, ulong> _pages = new();

    /// <summary>Number of named pages.</summary>
    public int Count => _pages.Count;

    /// <summary>Names the page at <paramref name="pagePa"/> as page <paramref name="pageIndex"/> of buffer <paramref name="buffer"/>.</summary>
    public void Name(int buffer, uint pageIndex, uint pagePa)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(buffer);
        _pages[pagePa >> 12] = ((ulong)(buffer + 1) << 32) | ((ulong)pageIndex << 12);
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
            _pages.Remove((pa + off) >> 12);
    }

    /// <summary>Forgets one page.</summary>
    public void ForgetPage(uint pagePa) => _pages.Remove(pagePa >> 12);

    /// <summary>The identity of physical address <paramref name="pa"/>.</summary>
    public ulong Resolve(uint pa) =>
        _pages.TryGetValue(pa >> 12, out ulong page) ? page | (pa & PageMask) : pa;

    /// <summary>"0x80001000" for a raw address, "buf3+0x2000" for a named one.</summary>
    public static string Format(ulong identity) =>
        identity < 0x1_0000_0000UL ? $"0x{identity:x8}" : $"buf{(identity >> 32) - 1}+0x{identity & 0xFFFFFFFF:x}";
}
