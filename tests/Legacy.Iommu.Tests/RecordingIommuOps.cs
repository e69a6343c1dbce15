using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>A fake Era A + CAF iommu_ops that records every call with its arguments and returns configurable values.</summary>
public sealed class RecordingIommuOps : IIommuOps
{
    /// <summary>Every op call, in order.</summary>
    public List<OpCall> Calls { get; } = [];

    /// <summary>The op names of <see cref="Calls"/>, in order.</summary>
    public string[] OpNames => Calls.Select(c => c.Op).ToArray();

    /// <summary>What domain_init stores in domain->priv before returning.</summary>
    public object? PrivToSet { get; set; } = "fake-priv";

    public int DomainInitResult { get; set; }
    public int AttachResult { get; set; }
    public int MapResult { get; set; }
    public int UnmapResult { get; set; }
    public int MapRangeResult { get; set; }
    public int UnmapRangeResult { get; set; }
    public uint IovaToPhysResult { get; set; }
    public int HasCapResult { get; set; }
    public uint PtBaseAddrResult { get; set; }

    public int DomainInit(IommuDomain domain, int flags)
    {
        Calls.Add(new OpCall("domain_init", domain, Flags: flags));
        domain.Priv = PrivToSet;
        return DomainInitResult;
    }

    public void DomainDestroy(IommuDomain domain) => Calls.Add(new OpCall("domain_destroy", domain));

    public int AttachDev(IommuDomain domain, Device dev)
    {
        Calls.Add(new OpCall("attach_dev", domain, Dev: dev));
        return AttachResult;
    }

    public void DetachDev(IommuDomain domain, Device dev) => Calls.Add(new OpCall("detach_dev", domain, Dev: dev));

    public int Map(IommuDomain domain, uint iova, uint paddr, int gfpOrder, int prot)
    {
        Calls.Add(new OpCall("map", domain, Iova: iova, Paddr: paddr, Order: gfpOrder, Prot: prot));
        return MapResult;
    }

    public int Unmap(IommuDomain domain, uint iova, int gfpOrder)
    {
        Calls.Add(new OpCall("unmap", domain, Iova: iova, Order: gfpOrder));
        return UnmapResult;
    }

    public int MapRange(IommuDomain domain, uint iova, ReadOnlySpan<Scatterlist> sg, uint len, int prot)
    {
        var entries = new string[sg.Length];
        for (int i = 0; i < sg.Length; i++)
            entries[i] = sg[i].ToString();
        Calls.Add(new OpCall("map_range", domain, Iova: iova, Len: len, Prot: prot, Sg: string.Join(", ", entries)));
        return MapRangeResult;
    }

    public int UnmapRange(IommuDomain domain, uint iova, uint len)
    {
        Calls.Add(new OpCall("unmap_range", domain, Iova: iova, Len: len));
        return UnmapRangeResult;
    }

    public uint IovaToPhys(IommuDomain domain, uint iova)
    {
        Calls.Add(new OpCall("iova_to_phys", domain, Iova: iova));
        return IovaToPhysResult;
    }

    public int DomainHasCap(IommuDomain domain, uint cap)
    {
        Calls.Add(new OpCall("domain_has_cap", domain, Cap: cap));
        return HasCapResult;
    }

    public uint GetPtBaseAddr(IommuDomain domain)
    {
        Calls.Add(new OpCall("get_pt_base_addr", domain));
        return PtBaseAddrResult;
    }
}
