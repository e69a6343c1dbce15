using Generic.Iommu;

namespace Generic.Omap.Tests;

/// <summary>The ported OMAP driver under the 3.3 core maps big contiguous buffers with big pages (issue acceptance).</summary>
public class LargeMappingTests
{
    [Fact]
    public void Map64MiBContiguousAt16MiBAlignedIova_WritesFourSupersectionGroups()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x20000000, 0x40000000, 0x04000000, 0));

        int nonZero = 0;
        for (uint i = 0; i < 4096; i++)
        {
            uint pgd = rig.Pgd(i << 20);
            if (pgd == 0)
                continue;
            nonZero++;
            uint group = (i - 0x200) / 16; // 16 replicas per 16 MiB
            Assert.Equal(0x40000000u + (group << 24) | 0x40002u, pgd);
        }
        Assert.Equal(64, nonZero); // 4 groups of 16 first-level entries, no L2 table, no small PTE
        Assert.Equal(0x4123ABCDu, IommuApi.IovaToPhys(rig.Domain, 0x2123ABCD));
    }

    [Fact]
    public void Unmap64MiB_ClearsTheFourGroupsInFourDriverCalls()
    {
        var rig = new GenericOmapRig();
        IommuApi.Map(rig.Domain, 0x20000000, 0x40000000, 0x04000000, 0);

        Assert.Equal(0x04000000u, IommuApi.Unmap(rig.Domain, 0x20000000, 0x04000000));
        Assert.True(rig.L1TableIsZero());
    }
}
