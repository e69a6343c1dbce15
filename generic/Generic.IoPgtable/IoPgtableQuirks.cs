namespace Generic.IoPgtable;

/// <summary>IO_PGTABLE_QUIRK_* bits of io_pgtable_cfg.quirks (include/linux/io-pgtable.h; v7s.md §2.1).</summary>
public static class IoPgtableQuirks
{
    /// <summary>IO_PGTABLE_QUIRK_ARM_NS: set the NS bits (table bit 3, section bit 19) for a secure-world walker.</summary>
    public const uint ARM_NS = 1u << 0;

    /// <summary>IO_PGTABLE_QUIRK_NO_PERMS: write no AP/XN bits (not supported by this model: alloc refuses it).</summary>
    public const uint NO_PERMS = 1u << 1;
}
