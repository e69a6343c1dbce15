using Migration.Drivers.Omap;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Vectors.ResultComparer;

namespace Migration.Vectors.Suites;

/// <summary>
/// Suite "omap-pgtable": the Linux 3.0 OMAP page table (iopgtable_store_entry / clear_entry /
/// lookup_entry with the 3.0 get_pte_attr) and the 3.2+ iova_to_phys on the same table, run through
/// <see cref="OmapPageTable"/> on a fresh simulated MMU per case.
/// </summary>
public sealed class OmapPgtableSuite : IVectorSuite
{
    /// <inheritdoc />
    public string Name => "omap-pgtable";

    /// <inheritdoc />
    public CaseResult Run(VectorCase vectorCase)
    {
        PhysicalPageAllocator pages = VectorArena.NewArena(VectorArena.Sentinel);
        PhysicalMemory memory = pages.Memory;
        OmapIommuInstance obj = VectorArena.NewOmapInstance(pages);
        obj.L2Cache.Faults.FailAt(vectorCase.Config.Get("l2_alloc_fail_at").NonNegativeInt());

        var recorder = new WildWriteRecorder(pages);
        memory.WriteObserver = recorder;
        var cmp = new ResultComparer();

        for (int i = 0; i < vectorCase.Ops.Count; i++)
        {
            VectorNode op = vectorCase.Ops[i];
            VectorNode expected = vectorCase.Results[i];
            var actual = new List<(string, string)>();
            switch (op.Get("op").String())
            {
                case "store":
                    uint flags = (uint)IopgSize.BytesToIopgsz(op.Get("pgsz").Hex())
                        | ((uint)op.Get("endian").Int() << 9)
                        | ((uint)op.Get("elsz").Int() << 7)
                        | ((uint)op.Get("mixed").Int() << 6);
                    if (IopgSize.BytesToIopgsz(op.Get("pgsz").Hex()) < 0)
                        throw op.Get("pgsz").Error("not one of 0x00001000, 0x00010000, 0x00100000, 0x01000000");
                    IotlbEntry.Init(out IotlbEntry e, op.Get("da").Hex(), op.Get("pa").Hex(), flags);
                    actual.Add(("ret", Int(OmapPageTable.StoreEntry(obj, e))));
                    break;
                case "clear":
                    actual.Add(("ret", OmapPageTable.ClearEntry(obj, op.Get("da").Hex()).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case "lookup":
                    uint da = op.Get("da").Hex();
                    OmapPageTable.LookupEntry(obj, da, out uint pgdAddr, out uint pteAddr);
                    uint pgd = memory.ReadWord(pgdAddr);
                    actual.Add(("pgd_index", Int((int)((pgdAddr - obj.Iopgd) >> 2))));
                    actual.Add(("pgd", Hex(HideTableAddress(pgd))));
                    if (pteAddr == 0)
                    {
                        actual.Add(("pte", "null"));
                    }
                    else
                    {
                        actual.Add(("pte_index", Int((int)((pteAddr & (IopgtableFormat.IOPTE_TABLE_SIZE - 1)) >> 2))));
                        actual.Add(("pte", Hex(memory.ReadWord(pteAddr))));
                    }
                    break;
                case "iova_to_phys":
                    actual.Add(("ret", Hex(OmapPageTable.IovaToPhys(obj, op.Get("da").Hex()))));
                    break;
                default:
                    throw op.Get("op").Error($"unknown op \"{op.Get("op").String()}\" for suite {Name}");
            }
            var wild = recorder.Drain(memory, VectorArena.Sentinel);
            if (wild.Count > 0)
                actual.Add(("wild_writes", FormatWild(wild)));
            cmp.CompareObject(i, "", expected, actual);
        }

        PageTableFinal.CompareOmap(cmp, vectorCase.Final, memory, obj.Iopgd);
        return new CaseResult(vectorCase.Name, cmp.Mismatches);
    }

    // Table-type L1 values are reported with the allocator-dependent address bits zeroed.
    private static uint HideTableAddress(uint pgd) => IopgtableFormat.IopgdIsTable(pgd) ? pgd & 0x3FF : pgd;

    /// <summary>The canonical text of a wild-write list: "0xaddr=0xvalue, ...".</summary>
    public static string FormatWild(IEnumerable<(uint Addr, uint Value)> writes) =>
        string.Join(", ", writes.Select(w => $"{Hex(w.Addr)}={Hex(w.Value)}"));
}
