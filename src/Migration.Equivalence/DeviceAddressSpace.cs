namespace Migration.Equivalence;

/// <summary>
/// One device-visible address space of a world: the page table an MMU (or MSM context) walks, the walker that
/// decodes it, and the MMU's TLB for the hardware view. Both worlds of a comparison expose spaces of the same names.
/// </summary>
public sealed class DeviceAddressSpace
{
    /// <summary>A space named <paramref name="name"/> whose table root <paramref name="root"/> returns (0: no table, all faults).</summary>
    public DeviceAddressSpace(string name, ITranslationWalker walker, Func<uint> root, Func<IEnumerable<TlbMapping>>? tlb = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(walker);
        ArgumentNullException.ThrowIfNull(root);
        Name = name;
        Walker = walker;
        Root = root;
        Tlb = tlb;
    }

    /// <summary>Name shared by both worlds ("isp", "camera", "video").</summary>
    public string Name { get; }

    /// <summary>The hardware walker for the table format.</summary>
    public ITranslationWalker Walker { get; }

    /// <summary>Physical address of the first-level table now in use (0 when there is none).</summary>
    public Func<uint> Root { get; }

    /// <summary>The valid TLB entries of the MMU serving this space (null when not modelled).</summary>
    public Func<IEnumerable<TlbMapping>>? Tlb { get; }
}
