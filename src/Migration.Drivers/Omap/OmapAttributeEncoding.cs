namespace Migration.Drivers.Omap;

/// <summary>Which kernel's get_pte_attr shift rule the arch code uses (omap.md §3.4, §8.8).</summary>
public enum OmapAttributeEncoding
{
    /// <summary>
    /// 2.6.37–3.0: the shift is chosen by bit 1 of the size code, so 4K and 16M get shift 0 and
    /// 1M and 64K get shift 6 (16M gets PTE-style attribute bits, 64K section-style).
    /// </summary>
    Linux30,

    /// <summary>3.1 and later: shift 0 for 4K/64K, shift 6 for 1M/16M.</summary>
    Linux31,
}
