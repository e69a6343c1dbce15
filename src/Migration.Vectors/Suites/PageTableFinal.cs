using Migration.Drivers.Msm;
using Migration.Drivers.Omap;
using Migration.Hardware.Memory;
using static Migration.Vectors.ResultComparer;

namespace Migration.Vectors.Suites;

/// <summary>
/// Compares a recorded page-table "final" ({"l1": [...], "l2": {...}}) with the model's tables:
/// non-zero L1 entries (table pointers with address bits 31:10 zeroed) and, for every table-type L1
/// entry, the non-zero entries of its L2 table. Differences name the L1 index and PTE index.
/// </summary>
public static class PageTableFinal
{
    /// <summary>Compares the OMAP L1 table at <paramref name="iopgd"/> and its L2 tables with <paramref name="final"/>.</summary>
    public static void CompareOmap(ResultComparer cmp, VectorNode final, PhysicalMemory memory, uint iopgd)
    {
        var actualL1 = new SortedDictionary<int, uint>();
        var actualL2 = new SortedDictionary<int, SortedDictionary<int, uint>>();
        for (int i = 0; i < IopgtableFormat.PTRS_PER_IOPGD; i++)
        {
            uint v = memory.ReadWord(iopgd + (uint)(i * 4));
            if (v == 0)
                continue;
            if (IopgtableFormat.IopgdIsTable(v))
            {
                actualL1[i] = v & 0x3FF;
                var table = new SortedDictionary<int, uint>();
                uint tableBase = IopgtableFormat.IopgdPagePaddr(v);
                for (int j = 0; j < IopgtableFormat.PTRS_PER_IOPTE; j++)
                {
                    uint pte = memory.ReadWord(tableBase + (uint)(j * 4));
                    if (pte != 0)
                        table[j] = pte;
                }
                actualL2[i] = table;
            }
            else
            {
                actualL1[i] = v;
            }
        }
        Compare(cmp, final, actualL1, actualL2);
    }

    /// <summary>
    /// Compares an MSM first-level table (4096 entries plus the 64-entry zone past its end that misaligned
    /// 16M maps reach) and, per table-type entry, the whole 4 KiB second-level page (1024 words).
    /// </summary>
    public static void CompareMsm(ResultComparer cmp, VectorNode final, PhysicalMemory memory, uint flTable)
    {
        var actualL1 = new SortedDictionary<int, uint>();
        var actualL2 = new SortedDictionary<int, SortedDictionary<int, uint>>();
        for (int i = 0; i < MsmPageTableFormat.NUM_FL_PTE + 64; i++)
        {
            uint v = memory.ReadWord(flTable + (uint)(i * 4));
            if (v == 0)
                continue;
            if ((v & 3) != MsmPageTableFormat.FL_TYPE_TABLE)
            {
                actualL1[i] = v;
                continue;
            }
            actualL1[i] = v & 0x3FF;
            var table = new SortedDictionary<int, uint>();
            uint page = v & MsmPageTableFormat.FL_BASE_MASK;
            for (int j = 0; j < MsmPageTableFormat.SlPageSize / 4; j++)
            {
                uint pte = memory.ReadWord(page + (uint)(j * 4));
                if (pte != 0)
                    table[j] = pte;
            }
            actualL2[i] = table;
        }
        Compare(cmp, final, actualL1, actualL2);
    }

    /// <summary>Compares recorded L1/L2 lists with the model's entries (shared by the page-table suites).</summary>
    public static void Compare(ResultComparer cmp, VectorNode final, IReadOnlyDictionary<int, uint> actualL1,
        IReadOnlyDictionary<int, SortedDictionary<int, uint>> actualL2)
    {
        var expectedL1 = ReadEntries(final.Get("l1"));
        CompareEntries(cmp, "final.l1", expectedL1, actualL1);

        var expectedL2 = new SortedDictionary<int, SortedDictionary<int, uint>>();
        foreach ((string key, VectorNode list) in final.Get("l2").Members())
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int l1Index))
                throw list.Error($"L2 key \"{key}\" is not a decimal L1 index");
            expectedL2[l1Index] = ReadEntries(list);
        }
        foreach (int l1Index in expectedL2.Keys.Union(actualL2.Keys).Order())
        {
            bool hasExpected = expectedL2.TryGetValue(l1Index, out var exp);
            bool hasActual = actualL2.TryGetValue(l1Index, out var act);
            if (!hasExpected || !hasActual)
            {
                cmp.Add(null, $"final.l2[{l1Index}]", hasExpected ? $"a table with {exp!.Count} entries" : Absent,
                    hasActual ? $"a table with {act!.Count} entries" : Absent);
                continue;
            }
            CompareEntries(cmp, $"final.l2[{l1Index}]", exp!, act!);
        }
    }

    private static SortedDictionary<int, uint> ReadEntries(VectorNode list)
    {
        var map = new SortedDictionary<int, uint>();
        foreach (VectorNode item in list.Items())
        {
            int index = item.Get("index").Int();
            if (!map.TryAdd(index, item.Get("value").Hex()))
                throw item.Get("index").Error($"index {index} listed twice");
        }
        return map;
    }

    private static void CompareEntries(ResultComparer cmp, string prefix, IReadOnlyDictionary<int, uint> expected, IReadOnlyDictionary<int, uint> actual)
    {
        foreach (int index in expected.Keys.Union(actual.Keys).Order())
        {
            string exp = expected.TryGetValue(index, out uint e) ? Hex(e) : Absent;
            string act = actual.TryGetValue(index, out uint a) ? Hex(a) : Absent;
            if (exp != act)
                cmp.Add(null, $"{prefix}[{index}]", exp, act);
        }
    }
}
