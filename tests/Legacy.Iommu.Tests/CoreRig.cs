namespace Legacy.Iommu.Tests;

/// <summary>A booted core with a recording driver registered and one domain allocated.</summary>
public sealed class CoreRig
{
    public CoreRig(IommuCoreFlavor flavor)
    {
        Core = new IommuCore(flavor);
        Ops = new RecordingIommuOps();
        Core.RegisterIommu(Ops);
        Domain = Core.IommuDomainAlloc() ?? throw new InvalidOperationException("domain alloc failed in the rig");
        Ops.Calls.Clear();
    }

    public IommuCore Core { get; }
    public RecordingIommuOps Ops { get; }
    public IommuDomain Domain { get; }
}
