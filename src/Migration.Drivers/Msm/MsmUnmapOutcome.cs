namespace Migration.Drivers.Msm;

/// <summary>
/// What the shared unmap body did; each era turns it into its own return value (3.0: 0/-EINVAL/-ENODEV,
/// msm.md §5.7; 3.3+: len for every early exit, §5.8).
/// </summary>
public enum MsmUnmapOutcome
{
    /// <summary>len is not exactly 4K/64K/1M/16M: nothing touched.</summary>
    BadLength,

    /// <summary>The domain has no first-level table: nothing touched.</summary>
    NoTable,

    /// <summary>The first-level slot for va is 0: nothing touched.</summary>
    FirstLevelEmpty,

    /// <summary>Entries were cleared (and an emptied second-level table freed); the caller flushes.</summary>
    Cleared,
}
