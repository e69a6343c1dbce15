namespace Migration.Equivalence;

/// <summary>
/// A device address range several IOMMUs share (one address space over different page-table formats): the mappings
/// the space holds and the device address spaces attached to it right now. Every attached IOMMU must translate every
/// address of the range as the mappings say, and fault where they say nothing.
/// </summary>
public sealed class SharedSpaceView
{
    /// <summary>A view named <paramref name="name"/> over [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public SharedSpaceView(string name, uint start, ulong end, Func<IReadOnlyList<IntendedMapping>> mappings, Func<IReadOnlyList<DeviceAddressSpace>> attached)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(attached);
        if (end <= start || end > TranslationMap.SpaceSize)
            throw new ArgumentOutOfRangeException(nameof(end), $"[0x{start:x8}, 0x{end:x9}) is not a device address range");
        Name = name;
        Start = start;
        End = end;
        Mappings = mappings;
        Attached = attached;
    }

    /// <summary>The space's name ("vcm").</summary>
    public string Name { get; }

    /// <summary>First device address of the shared range.</summary>
    public uint Start { get; }

    /// <summary>One past its last device address.</summary>
    public ulong End { get; }

    /// <summary>The mappings the space holds, ordered by device address.</summary>
    public Func<IReadOnlyList<IntendedMapping>> Mappings { get; }

    /// <summary>The IOMMUs (device address spaces) attached now; a detached or vanished device is not listed.</summary>
    public Func<IReadOnlyList<DeviceAddressSpace>> Attached { get; }
}
