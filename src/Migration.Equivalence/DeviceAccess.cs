namespace Migration.Equivalence;

/// <summary>
/// How a device accesses a page, in terms every page-table format can be compared in: whether it may write, the
/// byte order it sees, and whether the access is cacheable (null when the format has no such attribute: the OMAP
/// MMU's entries carry endianness and element size, not memory types, omap.md §2.3).
/// </summary>
/// <param name="Writable">The device may write the page.</param>
/// <param name="BigEndian">The MMU swaps bytes (OMAP's E bit); no ARM descriptor has one.</param>
/// <param name="Cached">Normal cacheable memory (true), non-cacheable or device memory (false), or not expressed (null).</param>
public readonly record struct DeviceAccess(bool Writable, bool BigEndian, bool? Cached)
{
    /// <summary>"rw, little-endian, non-cached" and the like.</summary>
    public string Describe() =>
        $"{(Writable ? "rw" : "ro")}, {(BigEndian ? "big-endian" : "little-endian")}, {Cached switch { true => "cached", false => "non-cached", null => "no memory type" }}";
}
