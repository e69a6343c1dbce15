namespace Migration.Equivalence;

/// <summary>
/// One world checked across its IOMMUs (<see cref="ISharedSpaceScenario"/>): at boot and after every step, each IOMMU
/// attached to a shared space translates every address of the shared range as the space's mappings say: the same
/// physical address, the access the mapping asks for in the terms each format can express (<see cref="DeviceAccess"/>),
/// a fault where the space maps nothing; and the IOMMU's TLB holds nothing its tables no longer say. Translation mode
/// only: across page-table formats the entries differ by design. The walk goes entry by entry (a 16M supersection is
/// one step, an empty first-level entry skips 1 MiB), so a whole range costs its entries, not its pages.
/// </summary>
public sealed class CrossDeviceComparison : IWorldComparison
{
    private CrossDeviceComparison()
    {
    }

    /// <summary>The comparison (it holds no state: a run keeps its own).</summary>
    public static CrossDeviceComparison Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "cross-device";

    /// <inheritdoc />
    public string Description => "compares IOMMUs of different page-table formats, whose entries differ by design";

    /// <inheritdoc />
    public IReadOnlyList<EquivalenceMode> Modes { get; } = [EquivalenceMode.Translation];

    /// <summary>True when <paramref name="actual"/> gives what <paramref name="intended"/> asks: write when asked, the byte order, the memory type where both say one.</summary>
    public static bool Meets(DeviceAccess actual, DeviceAccess intended) =>
        (!intended.Writable || actual.Writable)
        && actual.BigEndian == intended.BigEndian
        && (actual.Cached is null || intended.Cached is null || actual.Cached == intended.Cached);

    /// <summary>Every attached IOMMU of every shared space of the run's world against the space's mappings, then its TLB; the first divergence, or null.</summary>
    internal static Divergence? Compare(SharedSpaceRun run, int index, string text)
    {
        foreach (SharedSpaceView view in run.World.SharedSpaces)
        {
            IReadOnlyList<IntendedMapping> mappings = view.Mappings();
            run.PeakMappings = Math.Max(run.PeakMappings, mappings.Count);
            foreach (DeviceAddressSpace space in view.Attached())
            {
                if ((CompareSpace(run, index, text, view, mappings, space) ?? CheckTlb(index, text, view, space)) is { } d)
                    return d;
            }
        }
        return null;
    }

    private static Divergence? CompareSpace(SharedSpaceRun run, int index, string text, SharedSpaceView view, IReadOnlyList<IntendedMapping> mappings, DeviceAddressSpace space)
    {
        uint root = space.Root();
        int next = 0; // the first mapping that ends after `at`
        ulong at = view.Start;
        while (at < view.End)
        {
            uint va = (uint)at;
            while (next < mappings.Count && (ulong)mappings[next].Iova + mappings[next].Size <= at)
                next++;
            IntendedMapping? m = next < mappings.Count && mappings[next].Iova <= va ? mappings[next] : null;
            PageEntry e = default;
            uint granule = 0;
            bool mapped = root != 0 && space.Walker.Walk(root, va, out e, out granule);
            if (!mapped && m is null)
            {
                ulong faultEnd = granule == 0 ? view.End : (at & ~((ulong)granule - 1)) + granule;
                ulong nextStart = next < mappings.Count ? mappings[next].Iova : view.End;
                at = Math.Min(Math.Min(faultEnd, nextStart), view.End);
                continue;
            }
            if (mapped)
                run.MappingsCompared++;
            if (m is not { } want || !mapped || e.Pa + (va - e.Iova) != want.Pa + (va - want.Iova) || !Meets(space.Walker.Access(e), want.Access))
                return Describe(run.World, index, text, view, space, va, m, mapped ? e : null);
            ulong entryEnd = (ulong)e.Iova + e.Size, mappingEnd = (ulong)want.Iova + want.Size;
            at = Math.Min(Math.Min(entryEnd, mappingEnd), view.End);
        }
        return null;
    }

    private static Divergence? CheckTlb(int index, string text, SharedSpaceView view, DeviceAddressSpace space)
    {
        if (space.Tlb is null)
            return null;
        uint root = space.Root();
        foreach (TlbMapping t in space.Tlb())
        {
            if (t.Iova < view.Start || t.Iova >= view.End)
                continue;
            if (root != 0 && space.Walker.Walk(root, t.Iova, out PageEntry e, out _) && e.Pa + (t.Iova - e.Iova) == t.Pa)
                continue;
            return new Divergence
            {
                Step = index,
                StepText = text,
                Kind = DivergenceKind.Tlb,
                Space = space.Name,
                Iova = t.Iova,
                LegacyLabel = $"{space.Name} tables",
                Legacy = root != 0 && space.Walker.Walk(root, t.Iova, out PageEntry te, out _) ? te.Describe() : "unmapped",
                PortedLabel = $"{space.Name} TLB",
                Ported = $"TLB[{t.Index}] {PageEntry.SizeName(t.Size)} 0x{t.Iova:x8} -> 0x{t.Pa:x8}",
            };
        }
        return null;
    }

    private static Divergence Describe(ISharedSpaceWorld world, int index, string text, SharedSpaceView view, DeviceAddressSpace space, uint va, IntendedMapping? want, PageEntry? got) =>
        new()
        {
            Step = index,
            StepText = text,
            Kind = DivergenceKind.CrossDevice,
            Space = space.Name,
            Iova = va,
            LegacyLabel = $"shared space {view.Name}",
            Legacy = want is { } m ? $"{m.Describe()}: 0x{va:x8} -> 0x{m.Pa + (va - m.Iova):x8}" : "no mapping: the IOMMU must fault",
            PortedLabel = $"IOMMU {space.Name} ({space.Walker.Format})",
            Ported = got is { } e
                ? $"{e.Describe()}: 0x{va:x8} -> 0x{e.Pa + (va - e.Iova):x8}, {space.Walker.Access(e).Describe()}"
                : "unmapped (fault)",
            PortedWriter = got is { } w ? world.Tracker.WriterOf(w.DescriptorAddress) : null,
        };
}
