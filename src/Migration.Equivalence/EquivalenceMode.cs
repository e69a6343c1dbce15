namespace Migration.Equivalence;

/// <summary>How strictly two worlds must agree.</summary>
public enum EquivalenceMode
{
    /// <summary>Every device address translates to the same physical identity with the same attributes, or faults in both.</summary>
    Translation,

    /// <summary>The page-table trees are identical entry for entry (same page sizes; second-level tables by content).</summary>
    Strict,
}
