using Migration.Equivalence;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Scenarios.Msm;

/// <summary>
/// An MSM world for the `msm-random` scenario: one domain with the VFE's image-write context attached, buffers numbered
/// by the trace and mapped at the device address the trace gives (page runs with iommu_map, scattered 4K lists with
/// the era's scatterlist call), unmapped whole, and read by the context. The era's calls and the client's prot are the
/// subclass's; the bookkeeping and the device view (decoded through the context's own PRRR/NMRR) are shared.
/// </summary>
internal abstract class MsmRandomWorld : IEquivalenceWorld
{
    /// <summary>The context the domain is attached to (instance "vfe", context bank 0).</summary>
    public const string ContextName = "vfe_imgwr";

    private readonly Dictionary<int, (bool Sg, uint Iova, uint Bytes, uint PageSize)> _buffers = new();
    private readonly DeviceAddressSpace[] _spaces;

    protected MsmRandomWorld(string name)
    {
        Name = name;
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Hardware = Soc.FindMsmIommu("vfe")!;
        _spaces =
        [
            new DeviceAddressSpace("vfe", new MsmRemapTranslationWalker(Soc.Memory, ContextRemap), FirstLevelTable, () => MsmTlbView.Entries(Hardware, ContextNumber, 0)),
        ];
    }

    public string Name { get; }

    public PhysicalMemory Memory => Soc.Memory;

    public IReadOnlyList<DeviceAddressSpace> Spaces => _spaces;

    public PhysicalIdentity Identity { get; } = new();

    public WriteTracker Tracker { get; } = new();

    protected Soc Soc { get; }

    protected KernelMemory Kmem { get; }

    protected MsmIommu Hardware { get; }

    /// <summary>The attached context's bank number (its ASID too).</summary>
    protected abstract int ContextNumber { get; }

    public StepOutcome Apply(TraceStep step)
    {
        int buf = step.I("buf");
        if (step.Op is "map" or "map_sg" && _buffers.ContainsKey(buf))
            return StepOutcome.Of(-Errno.EEXIST); // a trace reusing a live buffer number: no call is made
        bool ro = step.Has("ro") && step["ro"] != 0;
        bool cached = step.Has("cached") && step["cached"] != 0;
        switch (step.Op)
        {
            case "map":
            {
                uint iova = step.U("iova"), pa = step.U("pa"), size = step.U("size");
                int count = step.I("count");
                Tracker.CurrentCall = $"map buf{buf}: {count} x 0x{size:x} @0x{pa:x8} at 0x{iova:x8}{(cached ? " cached" : "")}";
                int ret = Map(iova, pa, size, count, cached);
                if (ret == 0)
                    _buffers[buf] = (false, iova, size * (uint)count, size);
                return StepOutcome.Of(ret);
            }
            case "map_sg":
            {
                uint iova = step.U("iova"), pa = step.U("pa"), stride = step.U("stride");
                int entries = step.I("entries");
                var sgl = new Scatterlist[entries];
                for (int i = 0; i < entries; i++)
                    sgl[i].SetPage(unchecked(pa + (uint)i * stride), 0x1000, 0);
                Tracker.CurrentCall = $"map_sg buf{buf}: {entries} x 4K @0x{pa:x8} stride 0x{stride:x} at 0x{iova:x8}{(ro ? " ro" : "")}{(cached ? " cached" : "")}";
                long ret = MapSg(iova, SgTable.FromEntries(sgl), ro, cached);
                if (ret == (long)entries * 0x1000)
                    _buffers[buf] = (true, iova, (uint)entries * 0x1000, 0x1000);
                return StepOutcome.Of(ret);
            }
            case "unmap":
            case "unmap_sg":
            {
                if (!_buffers.TryGetValue(buf, out var b) || b.Sg != (step.Op == "unmap_sg"))
                    return StepOutcome.Of(-Errno.ENOENT); // unknown, or released with the other call: nothing is called
                _buffers.Remove(buf);
                Tracker.CurrentCall = $"{step.Op} buf{buf}: 0x{b.Bytes:x} at 0x{b.Iova:x8}";
                return StepOutcome.Of(b.Sg ? UnmapSg(b.Iova, b.Bytes) : Unmap(b.Iova, b.PageSize, (int)(b.Bytes / b.PageSize)));
            }
            case "dma":
            {
                if (!_buffers.TryGetValue(buf, out var b))
                    return StepOutcome.Of(-Errno.ENOENT);
                var seen = new List<string>();
                MsmDeviceRead.FirstMiddleLast(Hardware, ContextNumber, "vfe", b.Iova, b.Bytes, Identity, seen);
                return new StepOutcome(0, seen);
            }
            default:
                throw new InvalidOperationException($"unknown op '{step.Op}' (the scenario validates ops before running)");
        }
    }

    /// <summary>Maps <paramref name="count"/> physically contiguous pages of <paramref name="size"/>: 0 or a negative errno.</summary>
    protected abstract int Map(uint iova, uint pa, uint size, int count, bool cached);

    /// <summary>Unmaps what <see cref="Map"/> mapped: the bytes unmapped, or a negative errno.</summary>
    protected abstract long Unmap(uint iova, uint size, int count);

    /// <summary>Maps the list back to back from <paramref name="iova"/>: the bytes mapped, or a negative errno.</summary>
    protected abstract long MapSg(uint iova, SgTable sgt, bool readOnly, bool cached);

    /// <summary>Unmaps what <see cref="MapSg"/> mapped: the bytes unmapped, or a negative errno.</summary>
    protected abstract long UnmapSg(uint iova, uint bytes);

    // What the context walks: TTBR0's table (TTBCR = 0 in both eras).
    private uint FirstLevelTable() => Hardware.PeekContextRegister(ContextNumber, TTBR0) & TTBR_PA_MASK;

    private (uint Prrr, uint Nmrr) ContextRemap() =>
        (Hardware.PeekContextRegister(ContextNumber, PRRR), Hardware.PeekContextRegister(ContextNumber, NMRR));

}
