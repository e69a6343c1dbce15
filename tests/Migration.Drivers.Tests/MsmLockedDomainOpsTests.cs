using Migration.Drivers.Msm;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Migration.Drivers.Tests;

/// <summary>The msm_iommu_ops bodies both eras share (msm.md §5.1, §5.2, §5.5, §5.6, §5.10), on a domain without contexts.</summary>
public class MsmLockedDomainOpsTests
{
    private const int ReadWrite = MsmAttributes.MSM_IOMMU_ATTR_SH;

    private static MsmIommuPlatform NewPlatform()
    {
        var pages = new PhysicalPageAllocator(new PhysicalMemory(), 0x80000000, 0x800000);
        return new MsmIommuPlatform(new KernelMemory(pages)); // the CPU's default PRRR/NMRR
    }

    private static uint Sl(MsmPriv priv, uint va)
    {
        MsmPageTable table = priv.PageTable;
        return table.Memory.ReadWord((table.ReadFl(va >> 20) & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));
    }

    [Fact]
    public void Map_WithoutPriv_IsEinval()
    {
        Assert.Equal(-Errno.EINVAL, MsmLockedDomainOps.Map(NewPlatform(), priv: null, 0x10000000, 0x40000000, 0x1000, ReadWrite));
    }

    [Fact]
    public void Map_ALengthThatIsNoPageSize_IsEinval()
    {
        MsmIommuPlatform platform = NewPlatform();
        Assert.Equal(0, MsmLockedDomainOps.DomainInit(platform, out MsmPriv? priv));

        Assert.Equal(-Errno.EINVAL, MsmLockedDomainOps.Map(platform, priv, 0x10000000, 0x40000000, 0x2000, ReadWrite));
    }

    [Fact]
    public void Map_WritesTheSmallPageDescriptor_AndIovaToPhysWithoutAContextIsZero()
    {
        MsmIommuPlatform platform = NewPlatform();
        Assert.Equal(0, MsmLockedDomainOps.DomainInit(platform, out MsmPriv? priv));

        Assert.Equal(0, MsmLockedDomainOps.Map(platform, priv, 0x10001000, 0x40002000, 0x1000, ReadWrite));

        Assert.Equal(0x40002000u | 0xC36u, Sl(priv!, 0x10001000)); // the shareable small-page descriptor (msm.md §3)
        Assert.Equal(0u, MsmLockedDomainOps.IovaToPhys(platform, priv, 0x10001000)); // V2P needs an attached context (§5.10)
        MsmLockedDomainOps.DomainDestroy(platform, priv);
    }
}
