using Migration.Hardware.Memory;

namespace Migration.Equivalence;

/// <summary>A hardware walker seen page by page: the leaf entry that maps one device address, or how far its fault extends.</summary>
public interface ITranslationWalker
{
    /// <summary>Short name of the table format ("omap", "msm").</summary>
    string Format { get; }

    /// <summary>
    /// Walks <paramref name="va"/> in the table rooted at <paramref name="root"/>: true with the leaf entry that maps it;
    /// false with the size of the aligned unmapped granule holding it (4 KiB in a second-level table, 1 MiB for an
    /// empty first-level entry).
    /// </summary>
    bool Walk(uint root, uint va, out PageEntry entry, out uint faultGranule);

    /// <summary>
    /// The physical address of the second-level table the first-level entry for <paramref name="va"/> points to, or
    /// 0 when that entry is not a table pointer (so writes into the table can be traced to their 1 MiB slot).
    /// </summary>
    uint SecondLevelTable(uint root, uint va);

    /// <summary>What <paramref name="entry"/> lets the device do, in format-neutral terms (for comparing IOMMUs of different formats).</summary>
    DeviceAccess Access(in PageEntry entry);

    /// <summary>
    /// The memory the tables live in, when the walker reads plain ARM-style descriptors in which an all-zero word is
    /// invalid (a fault) at both levels: images then skip runs of empty second-level slots a frame span at a time instead
    /// of walking each 4 KiB. Null (the default) makes every address go through <see cref="Walk"/>.
    /// </summary>
    PhysicalMemory? Memory => null;

    /// <summary>
    /// The leaf entry for <paramref name="va"/> when the first-level entry points to a second-level table whose word for
    /// <paramref name="va"/>, <paramref name="pte"/>, the caller already read at <paramref name="pteAddress"/>: what
    /// <see cref="Walk"/> returns, without reading the tables again. The default walks.
    /// </summary>
    bool WalkSecondLevel(uint root, uint va, uint pte, uint pteAddress, out PageEntry entry) => Walk(root, va, out entry, out _);
}
