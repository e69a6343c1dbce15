using Legacy.Iommu;
using Legacy.Msm;
using Migration.Clients.Testing;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>A default SoC with the CAF 3.0 camera platform booted on it (the probes are the shared rig's).</summary>
internal sealed class CameraRig : MsmCameraRig
{
    public CameraRig()
        : this(null)
    {
    }

    public CameraRig(Func<Soc, KernelMemory, MsmCameraPlatform>? boot)
    {
        Platform = boot is null ? new MsmCameraPlatform(Soc, Kmem) : boot(Soc, Kmem);
    }

    public MsmCameraPlatform Platform { get; }

    public IommuDomain CameraDomain => Platform.Domains.MsmGetIommuDomain(CAMERA_DOMAIN)!;

    public IommuDomain VideoDomain => Platform.Domains.MsmGetIommuDomain(VIDEO_DOMAIN)!;

    public override uint IommuDummyPhys => Platform.IommuDummyPhys;

    public override bool BoardAttached => Platform.BoardAttached;

    public override IReadOnlyList<string> Log => Platform.Log;

    public GenPool Pool(int domain, int partition) => Platform.Domains.Domains[domain].IovaPools[partition].Gpool!;

    public override Device? GetCtx(string name) => Platform.Msm.GetCtx(name);

    public MsmCamera Open()
    {
        Assert.Equal(0, MsmCamera.Open(Platform, out MsmCamera? cam));
        return cam!;
    }

    public override MsmCameraClient OpenClient() => Open();

    public static MsmPageTable Table(IommuDomain d) => ((MsmPriv)d.Priv!).PageTable;
}
