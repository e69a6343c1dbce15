using Generic.Iommu;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Generic.Omap.Tests;

/// <summary>omap_iommu_domain_init / domain_destroy (omap.md §7.3, §8.25).</summary>
public class DomainLifetimeTests
{
    [Fact]
    public void DomainInit_AllocatesAZeroed16KAlignedTable()
    {
        var rig = new GenericOmapRig(attach: false);

        Assert.Equal(0u, rig.OmapDomain.Pgtable & 0x3FFF);
        Assert.True(rig.Soc.Pages.IsAllocated(rig.OmapDomain.Pgtable));
        Assert.True(rig.L1TableIsZero());
        Assert.Null(rig.OmapDomain.IommuDev);
        Assert.Equal(1, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void DomainInit_StructKzallocFailure_IsEnomem_BeforeTheTableIsTried()
    {
        var rig = new GenericOmapRig(attach: false);
        rig.Kmem.KzallocFaults.FailAt(1);

        Assert.Null(IommuApi.DomainAlloc(rig.Bus)); // -ENOMEM swallowed by iommu_domain_alloc

        Assert.Equal(1, rig.Kmem.KzallocFaults.Calls);
        Assert.Equal(1, rig.Kmem.KmallocCount); // only the rig's domain table
    }

    [Fact]
    public void DomainInit_TableKzallocFailure_IsEnomem()
    {
        var rig = new GenericOmapRig(attach: false);
        rig.Kmem.KzallocFaults.FailAt(2);

        Assert.Null(IommuApi.DomainAlloc(rig.Bus));

        Assert.Equal(2, rig.Kmem.KzallocFaults.Calls);
        Assert.Equal(1, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void DomainInit_OpResult_IsMinusEnomem()
    {
        var rig = new GenericOmapRig(attach: false);
        object? before = rig.Domain.Priv;
        rig.Kmem.KzallocFaults.FailAlways();

        Assert.Equal(-12, rig.Driver.Ops.DomainInit(rig.Domain));

        Assert.Same(before, rig.Domain.Priv); // priv is only set on success
    }

    [Fact]
    public void DomainDestroy_FreesTheTable_ButDoesNotDetach()
    {
        var rig = new GenericOmapRig();
        uint table = rig.OmapDomain.Pgtable;

        IommuApi.DomainFree(rig.Domain);

        Assert.Null(rig.Domain.Priv);
        Assert.Equal(0, rig.Kmem.KmallocCount);
        Assert.False(rig.Soc.Pages.IsAllocated(table));
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL)); // still walking the freed table
        Assert.Equal(table, rig.Reg(MMU_TTB));
        Assert.Equal(table, rig.Isp.Instance.Iopgd);
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Same(rig.Isp, rig.IspArchData.IommuDev);

        IommuDomain next = IommuApi.DomainAlloc(rig.Bus)!;
        Assert.Equal(-16, IommuApi.AttachDevice(next, GenericOmapRig.Client("again", "isp")));
    }

    [Fact]
    public void Register_OnABusThatHasAnIommuDriver_Throws()
    {
        var rig = new GenericOmapRig(attach: false);

        Assert.Throws<InvalidOperationException>(() => OmapIommuDriver.Register(rig.Soc, rig.Kmem, rig.Bus));
    }
}
