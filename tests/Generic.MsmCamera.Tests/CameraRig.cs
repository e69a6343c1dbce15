using Generic.Iommu;
using Migration.Clients.Testing;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Generic.MsmCamera.Tests;

/// <summary>A default SoC with the 3.3 camera platform booted on it (the probes are the shared rig's).</summary>
internal sealed class CameraRig : MsmCameraRig
{
    // Descriptor low bits the 3.3 driver writes beyond the shared 4K ones (msm.md §3.3 mainline): S, nG, AP = 11
    // fixed, class from prot & 3.
    public const uint Sl64KBuffer = 0xC39;
    public const uint SectionBuffer = 0x30C0A;
    public const uint Sl64KImem = 0xC7D;       // TEX0 written at bit 6 (§3.3 note)

    public CameraRig()
        : this(null)
    {
    }

    public CameraRig(Func<Soc, KernelMemory, MsmCameraPlatform>? boot)
    {
        Platform = boot is null ? new MsmCameraPlatform(Soc, Kmem) : boot(Soc, Kmem);
    }

    public MsmCameraPlatform Platform { get; }

    public override uint IommuDummyPhys => Platform.IommuDummyPhys;

    public override bool BoardAttached => Platform.BoardAttached;

    public override IReadOnlyList<string> Log => Platform.Log;

    public override Device? GetCtx(string name) => Platform.Msm.GetCtx(name);

    public MsmCamera Open()
    {
        Assert.Equal(0, MsmCamera.Open(Platform, out MsmCamera? cam));
        return cam!;
    }

    public override MsmCameraClient OpenClient() => Open();

    public static MsmPageTable Table(IommuDomain d) => ((MsmPriv)d.Priv!).PageTable;
}
