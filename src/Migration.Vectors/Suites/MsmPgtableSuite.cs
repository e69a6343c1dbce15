using Migration.Drivers.Msm;
using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using static Migration.Vectors.ResultComparer;

namespace Migration.Vectors.Suites;

/// <summary>
/// Suite "msm-pgtable": the MSM driver's byte-sized map/unmap (3.3+ signature and return values) on the
/// shared page-table code <see cref="MsmPageTable"/>, with no context attached (so the TLB flush
/// touches nothing and returns 0), and the harness's ARMv7 walk, i.e. the hardware walker.
/// </summary>
public sealed class MsmPgtableSuite : IVectorSuite
{
    /// <inheritdoc />
    public string Name => "msm-pgtable";

    /// <inheritdoc />
    public CaseResult Run(VectorCase vectorCase)
    {
        PhysicalPageAllocator pages = VectorArena.NewArena(VectorArena.Sentinel);
        PhysicalMemory memory = pages.Memory;
        // The harness gives the 16 KiB table a zeroed 64-entry guard zone that misaligned 16M maps run
        // into (l1-overflow): an order-3 block keeps those words in table memory, zeroed.
        uint fl = pages.AllocPages(3, zero: true);
        var table = new MsmPageTable(pages, fl);
        var cmp = new ResultComparer();

        VectorNode config = vectorCase.Config;
        var tex = MsmTexClasses.FromRegisters(config.Get("prrr").Hex(), config.Get("nmrr").Hex());
        IReadOnlyList<VectorNode> recorded = config.Get("tex_class").Items();
        for (int slot = 0; slot < 4; slot++)
        {
            int expected = recorded[slot].Int();
            if (expected != tex[slot])
                cmp.Add(null, $"config.tex_class[{slot}]", Int(expected), Int(tex[slot]));
        }
        table.SecondLevelFaults.FailAt(config.Get("l2_alloc_fail_at").NonNegativeInt());

        var recorder = new WildWriteRecorder(pages);
        memory.WriteObserver = recorder;
        for (int i = 0; i < vectorCase.Ops.Count; i++)
        {
            VectorNode op = vectorCase.Ops[i];
            var actual = new List<(string, string)>();
            switch (op.Get("op").String())
            {
                case "map":
                    actual.Add(("ret", Int(table.Map(op.Get("va").Hex(), op.Get("pa").Hex(), op.Get("size").Hex(), op.Get("prot").Int(), tex))));
                    break;
                case "unmap":
                    uint len = op.Get("size").Hex();
                    _ = table.Unmap(op.Get("va").Hex(), len);
                    // 3.3+: every early exit leaves the status 0 and the flush (no context) returns 0, so len comes back (msm.md §5.8).
                    actual.Add(("ret", Int(unchecked((int)len))));
                    actual.Add(("ret_hex", Hex(len)));
                    break;
                case "walk":
                    actual.Add(("ret", Hex(MsmTableWalker.WalkToPhys(memory, fl, op.Get("va").Hex()))));
                    break;
                default:
                    throw op.Get("op").Error($"unknown op \"{op.Get("op").String()}\" for suite {Name}");
            }
            var wild = recorder.Drain(memory, VectorArena.Sentinel);
            if (wild.Count > 0)
                actual.Add(("wild_writes", OmapPgtableSuite.FormatWild(wild)));
            cmp.CompareObject(i, "", vectorCase.Results[i], actual);
        }
        if (table.WildFrees > 0)
            cmp.Add(null, "wild_free", "(absent)", "true");

        PageTableFinal.CompareMsm(cmp, vectorCase.Final, memory, fl);
        return new CaseResult(vectorCase.Name, cmp.Mismatches);
    }
}
