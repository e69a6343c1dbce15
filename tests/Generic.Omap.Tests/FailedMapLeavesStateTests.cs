using Generic.Iommu;

namespace Generic.Omap.Tests;

/// <summary>
/// Fault injection on the ported OMAP driver: fail the Nth L2-table allocation for every N over a workload;
/// the core's rollback (unmap by clear_entry sizes, or unmap_pages with the batched ops) leaves the tables exactly as
/// before each failed map.
/// </summary>
public class FailedMapLeavesStateTests
{
    private static string L1(GenericOmapRig rig)
    {
        var parts = new List<string>();
        for (uint i = 0; i < 4096; i++)
        {
            uint pgd = rig.Pgd(i << 20);
            if (pgd != 0)
                parts.Add($"{i}:{((pgd & 3) == 1 ? "T" : pgd.ToString("x8"))}");
        }
        return string.Join(",", parts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void L2AllocationFailure_AtEveryN_LeavesTheTablesAsBefore(bool batched)
    {
        int failures = 0;
        for (int n = 1; ; n++)
        {
            var rig = new GenericOmapRig(batched: batched);
            Assert.Equal(0, IommuApi.Map(rig.Domain, 0x30000000, 0x48000000, 0x1000, 0)); // an existing mapping
            string before = L1(rig);
            int liveBefore = rig.Isp.Instance.L2Cache.LiveObjects;
            uint pteBefore = rig.Pte(0x30000000);

            rig.Isp.Instance.L2Cache.Faults.FailAt(n);
            // iova and pa differ inside 64K, so every page is 4K; the range [0x100FF000, 0x10301000) touches four 1M regions (four L2 tables).
            int ret = IommuApi.Map(rig.Domain, 0x100FF000, 0x40002000, 0x00202000, 0);
            if (ret == 0)
                break;
            failures++;
            Assert.Equal(-12, ret);
            Assert.Equal(before, L1(rig));
            Assert.Equal(liveBefore, rig.Isp.Instance.L2Cache.LiveObjects);
            Assert.Equal(pteBefore, rig.Pte(0x30000000));
        }
        Assert.Equal(4, failures); // one injected failure per L2 table the workload needs
    }
}
