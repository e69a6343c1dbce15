using CsCheck;
using Migration.Drivers.Omap;
using Migration.Hardware.Omap;

namespace Migration.Drivers.Tests;

/// <summary>
/// Property: whatever the driver writes with iopgtable_store_entry, the hardware walker
/// (OmapMmu.Translate) and the driver-side translation (iova_to_phys, lookup_entry) agree on every
/// mapped page (omap.md §2.4, §3).
/// </summary>
public class WalkerAgreementTests
{
    private static readonly uint[] Sizes = [0x1000000, 0x100000, 0x10000, 0x1000];

    internal readonly record struct Request(uint Bytes, uint DaSeed, uint PaSeed, uint Attrs);

    private sealed record Mapping(uint Da, uint Pa, uint Bytes, uint Attrs);

    private static readonly Gen<Request> GenRequest =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.Frequency((4, Gen.UInt[0, 0x07FFFFFF]), (1, Gen.UInt)),
            Gen.UInt,
            Gen.Int[0, 15],
            (s, da, pa, a) => new Request(Sizes[s], da, pa,
                ((a & 1) != 0 ? 0x200u : 0) | ((uint)((a >> 1) & 3) << 7) | ((a & 8) != 0 ? 0x40u : 0)));

    private static readonly Gen<(bool Linux31, Request[] Requests)> GenCase =
        Gen.Select(Gen.Bool, GenRequest.Array[1, 10]);

    // The model of what may be stored without overlap: L1 kind per 1M and the set of mapped 4K pages.
    private static bool CanStore(Dictionary<uint, char> l1Kind, HashSet<uint> pages, uint da, uint bytes)
    {
        uint first = da >> 20;
        if (bytes >= 0x100000)
        {
            for (uint i = 0; i < Math.Max(1, bytes >> 20); i++)
            {
                if (l1Kind.ContainsKey(first + i))
                    return false;
            }
            return true;
        }
        if (l1Kind.TryGetValue(first, out char kind) && kind != 'T')
            return false;
        for (uint off = 0; off < bytes; off += 0x1000)
        {
            if (pages.Contains((da + off) >> 12))
                return false;
        }
        return true;
    }

    private static uint ExpectedPa(Mapping m, uint da, bool linux31)
    {
        uint pa = m.Pa;
        // 3.0 shift bug: a 64K descriptor carries the section-style M bit at 17, inside the pa field.
        if (!linux31 && m.Bytes == 0x10000 && (m.Attrs & 0x40) != 0)
            pa |= 0x20000;
        return pa + (da - m.Da);
    }

    private static uint DescriptorMask(uint d, bool level2) =>
        level2
            ? ((d & 3) == 1 ? 0xFFFF0000u : 0xFFFFF000u)
            : ((d & 0x40003) == 0x40002 ? 0xFF000000u : 0xFFF00000u);

    [Fact]
    public void WalkerIovaToPhysAndLookup_AgreeOnEveryMappedPage()
    {
        GenCase.Sample(c =>
        {
            var rig = OmapTestRig.Enabled(c.Linux31 ? OmapAttributeEncoding.Linux31 : OmapAttributeEncoding.Linux30);
            var l1Kind = new Dictionary<uint, char>();
            var pages = new HashSet<uint>();
            var mappings = new List<Mapping>();

            foreach (Request r in c.Requests)
            {
                uint mask = ~(r.Bytes - 1);
                uint da = r.DaSeed & mask;
                uint pa = r.PaSeed & mask;
                if (!CanStore(l1Kind, pages, da, r.Bytes))
                    continue;
                Assert.Equal(0, rig.Store(da, pa, r.Bytes, r.Attrs));
                mappings.Add(new Mapping(da, pa, r.Bytes, r.Attrs));
                if (r.Bytes >= 0x100000)
                {
                    for (uint i = 0; i < r.Bytes >> 20; i++)
                        l1Kind[(da >> 20) + i] = 'S';
                }
                else
                {
                    l1Kind[da >> 20] = 'T';
                    for (uint off = 0; off < r.Bytes; off += 0x1000)
                        pages.Add((da + off) >> 12);
                }
            }
            Assert.Equal(0, rig.Instance.UndefinedWrites);

            foreach (Mapping m in mappings)
            {
                uint step = m.Bytes == 0x1000000 ? 0x10000u : 0x1000u; // 16M: every 64K (256 probes)
                for (ulong off = 0; off < m.Bytes; off += step)
                {
                    uint da = m.Da + (uint)off + (uint)((off * 0x9E3779B1UL) & 0xFFC); // vary the in-page offset
                    uint expected = ExpectedPa(m, da, c.Linux31);

                    OmapMmuTranslation t = rig.Mmu.Translate(da);
                    Assert.True(t.Succeeded, $"walker faulted at 0x{da:x8} for {m}");
                    Assert.Equal(expected, t.Pa);
                    Assert.Equal(m.Bytes, t.PageSize);

                    Assert.Equal(expected, OmapPageTable.IovaToPhys(rig.Instance, da));

                    OmapPageTable.LookupEntry(rig.Instance, da, out uint pgdAddr, out uint pteAddr);
                    Assert.Equal(rig.L1Address(da), pgdAddr);
                    bool level2 = m.Bytes < 0x100000;
                    Assert.Equal(level2, pteAddr != 0);
                    uint d = rig.Memory.ReadWord(level2 ? pteAddr : pgdAddr);
                    uint dmask = DescriptorMask(d, level2);
                    Assert.Equal(~(m.Bytes - 1), dmask);
                    Assert.Equal(expected, (d & dmask) | (da & ~dmask));

                    // Attributes the walker decodes match what was requested wherever get_pte_attr put them
                    // in the right place (all sizes on 3.1; 4K and 1M on 3.0).
                    if (c.Linux31 || m.Bytes is 0x1000 or 0x100000)
                        Assert.Equal(m.Attrs, t.RamAttributes);
                }
            }

            // An unmapped page faults in the walker and translates to 0 in the driver.
            for (uint probe = 0; probe < 0x100; probe++)
            {
                uint da = probe * 0x01010000u + 0x3000;
                bool mapped = mappings.Any(m => da >= m.Da && da - m.Da < m.Bytes);
                if (mapped)
                    continue;
                Assert.Equal(OmapMmuOutcome.Fault, rig.Mmu.Translate(da).Outcome);
                Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, da));
            }
        }, iter: 300);
    }
}
