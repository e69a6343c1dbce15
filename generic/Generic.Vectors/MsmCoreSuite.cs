using Generic.Iommu;
using Generic.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using Migration.Kernel;
using Migration.Vectors;
using Migration.Vectors.Suites;
using static Migration.Vectors.ResultComparer;

namespace Generic.Vectors;

/// <summary>
/// Suite "msm-core": the 3.3+ generic iommu_map / iommu_unmap (<see cref="IommuApi"/>) driving the ported
/// MSM driver (<see cref="MsmIommuOps"/>), plus direct driver map/unmap and the hardware
/// walk, on a domain with no context attached (generic.md §5, msm.md §5.14).
/// </summary>
public sealed class MsmCoreSuite : IVectorSuite
{
    /// <inheritdoc />
    public string Name => "msm-core";

    /// <inheritdoc />
    public CaseResult Run(VectorCase vectorCase)
    {
        VectorNode config = vectorCase.Config;
        PhysicalPageAllocator pages = VectorArena.NewArena(VectorArena.Sentinel);
        PhysicalMemory memory = pages.Memory;
        var platform = new MsmIommuPlatform(new KernelMemory(pages), config.Get("prrr").Hex(), config.Get("nmrr").Hex());
        var ops = new CallRecordingOps(new MsmIommuOps(platform));
        var bus = new BusType("platform");
        bus.SetIommu(ops);

        // domain_init takes the first free 16 KiB; the harness gives the table a zeroed guard zone behind
        // it, so reserve the next 16 KiB before anything else can be allocated there.
        IommuDomain domain = IommuApi.DomainAlloc(bus) ?? throw new InvalidOperationException("domain_init failed in a fresh arena");
        MsmPriv priv = (MsmPriv)domain.Priv!;
        uint guard = pages.AllocPages(MsmDomainOps.FlOrder, zero: true);
        if (guard != priv.PageTable.FlTable + MsmPageTableFormat.FlTableSize)
            throw new InvalidOperationException("the guard zone is not behind the first-level table");
        priv.PageTable.SecondLevelFaults.FailAt(config.Get("l2_alloc_fail_at").NonNegativeInt());

        var cmp = new ResultComparer();
        IReadOnlyList<VectorNode> recorded = config.Get("tex_class").Items();
        for (int slot = 0; slot < 4; slot++)
        {
            if (recorded[slot].Int() != platform.TexClasses[slot])
                cmp.Add(null, $"config.tex_class[{slot}]", Int(recorded[slot].Int()), Int(platform.TexClasses[slot]));
        }

        var recorder = new WildWriteRecorder(pages);
        memory.WriteObserver = recorder;
        for (int i = 0; i < vectorCase.Ops.Count; i++)
        {
            VectorNode op = vectorCase.Ops[i];
            var actual = new List<(string, string)>();
            ops.Calls.Clear();
            switch (op.Get("op").String())
            {
                case "map":
                    actual.Add(("ret", Int(ops.Map(domain, op.Get("va").Hex(), op.Get("pa").Hex(), op.Get("size").Hex(), op.Get("prot").Int()))));
                    break;
                case "unmap":
                    AddSizeT(actual, ops.Unmap(domain, op.Get("va").Hex(), op.Get("size").Hex()));
                    break;
                case "iommu_map":
                    actual.Add(("ret", Int(IommuApi.Map(domain, op.Get("iova").Hex(), op.Get("paddr").Hex(), op.Get("size").Hex(), op.Get("prot").Int()))));
                    actual.Add(("calls", string.Join(", ", ops.Calls)));
                    break;
                case "iommu_unmap":
                    AddSizeT(actual, IommuApi.Unmap(domain, op.Get("iova").Hex(), op.Get("size").Hex()));
                    actual.Add(("calls", string.Join(", ", ops.Calls)));
                    break;
                case "walk":
                    actual.Add(("ret", Hex(MsmTableWalker.WalkToPhys(memory, priv.PageTable.FlTable, op.Get("va").Hex()))));
                    break;
                default:
                    throw op.Get("op").Error($"unknown op \"{op.Get("op").String()}\" for suite {Name}");
            }
            var wild = recorder.Drain(memory, VectorArena.Sentinel);
            if (wild.Count > 0)
                actual.Add(("wild_writes", OmapPgtableSuite.FormatWild(wild)));
            cmp.CompareObject(i, "", vectorCase.Results[i], actual);
        }
        if (priv.PageTable.WildFrees > 0)
            cmp.Add(null, "wild_free", Absent, "true");

        PageTableFinal.CompareMsm(cmp, vectorCase.Final, memory, priv.PageTable.FlTable);
        return new CaseResult(vectorCase.Name, cmp.Mismatches);
    }

    private static void AddSizeT(List<(string, string)> actual, uint value)
    {
        actual.Add(("ret", Int(unchecked((int)value))));
        actual.Add(("ret_hex", Hex(value)));
    }
}
