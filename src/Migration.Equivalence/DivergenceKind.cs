namespace Migration.Equivalence;

/// <summary>What disagreed.</summary>
public enum DivergenceKind
{
    /// <summary>The step's calls returned different values.</summary>
    ReturnValue,

    /// <summary>The device observed different translations while the step made it access memory.</summary>
    DeviceAccess,

    /// <summary>A device address translates differently (or faults in one world only).</summary>
    Translation,

    /// <summary>The same translation through different page-table entries (strict mode).</summary>
    Entries,

    /// <summary>An MMU's TLB holds a translation the tables no longer have (a missing flush).</summary>
    Tlb,

    /// <summary>A world threw (a BUG() or a model error) while running the step.</summary>
    Crash,

    /// <summary>An IOMMU attached to a shared address space translates one of its addresses otherwise than the space's mappings say.</summary>
    CrossDevice,
}
