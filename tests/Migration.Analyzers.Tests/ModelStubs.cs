namespace Migration.Analyzers.Tests;

/// <summary>
/// Stub versions of the model types the analyzers look at: the namespaces and signatures of the repository's
/// legacy/ and generic/ worlds (and the shared Migration.Kernel types), with empty bodies, so per-rule tests do not
/// need the real assemblies.
/// </summary>
public static class ModelStubs
{
    public const string FileName = "/0/ModelStubs.cs";

    public const string Source = """
        namespace Migration.Kernel
        {
            public sealed class Device { public Device(string name) { } public object ArchDataIommu { get; set; } }
            public sealed class SgTable { public int Nents { get; set; } }
            public readonly struct ErrPtr<T> where T : class
            {
                public static ErrPtr<T> Error(int negativeErrno) => default;
                public bool IsErr => false;
                public bool IsErrOrNull => false;
                public int PtrErr => 0;
                public T Value => null;
                public static implicit operator ErrPtr<T>(T value) => default;
            }
            public static class ErrValue
            {
                public static bool IsErrValue(uint value) => value >= 0xFFFFF001;
                public static uint FromErrno(int negativeErrno) => unchecked((uint)negativeErrno);
            }
            public static class Errno { public const int ENODEV = 19; public const int ENOMEM = 12; public const int EINVAL = 22; }
        }
        namespace Migration.Drivers.Omap
        {
            public sealed class IovmArea { public Migration.Kernel.SgTable Sgt { get; set; } public uint Va { get; set; } }
        }
        namespace Legacy.Omap
        {
            using Migration.Drivers.Omap;
            using Migration.Kernel;
            public sealed class OmapIommuDriver { }
            public sealed class OmapIommu
            {
                public string Name => "isp";
                public static ErrPtr<OmapIommu> Get(OmapIommuDriver driver, string name) => default;
                public static void Put(ErrPtr<OmapIommu> obj) { }
                public static int SetDaRange(OmapIommu obj, uint start, uint end) => 0;
                public static int SetIsr(OmapIommuDriver driver, string name, object isr, object isrPriv) => 0;
                public static void SetTwl(OmapIommu obj, bool on) { }
                public static void SaveCtx(OmapIommu obj) { }
                public static void RestoreCtx(OmapIommu obj) { }
                public static void FlushIotlbAll(OmapIommu obj) { }
            }
            public static class IopgTable
            {
                public static int StoreEntry(OmapIommu obj, in object e) => 0;
                public static uint ClearEntry(OmapIommu obj, uint da) => 0;
            }
            public static class Iovmm
            {
                public const uint VmallocFlags = 0x50000;
                public static IovmArea FindIovmArea(OmapIommu obj, uint da) => null;
                public static uint DaToVa(OmapIommu obj, uint da) => 0;
                public static uint Vmap(OmapIommu obj, uint da, SgTable sgt, uint flags) => 0;
                public static SgTable Vunmap(OmapIommu obj, uint da) => null;
                public static uint Vmalloc(OmapIommu obj, uint da, uint bytes, uint flags) => 0;
                public static void Vfree(OmapIommu obj, uint da) { }
                public static uint Kmalloc(OmapIommu obj, uint da, uint bytes, uint flags) => 0;
                public static void Kfree(OmapIommu obj, uint da) { }
            }
            internal static class OwnUse
            {
                // The vendor's own code calling its API is implementation, not client use.
                public static uint Twice(OmapIommu obj) => Iovmm.Vmalloc(obj, 0, 4096, 0) + Iovmm.Vmalloc(obj, 0, 4096, 0);
            }
        }
        namespace Legacy.Iommu
        {
            using Migration.Kernel;
            public sealed class IommuDomain { }
            public sealed class IommuCore
            {
                public IommuDomain IommuDomainAlloc(int flags = 0) => null;
                public int IommuAttachDevice(IommuDomain domain, Device dev) => 0;
                public int IommuMap(IommuDomain domain, uint iova, uint paddr, int gfpOrder, int prot) => 0;
                public int IommuUnmap(IommuDomain domain, uint iova, int gfpOrder) => 0;
                public int IommuMapRange(IommuDomain domain, uint iova, object sg, uint len, int prot) => 0;
                public int IommuUnmapRange(IommuDomain domain, uint iova, uint len) => 0;
            }
        }
        namespace Legacy.Msm
        {
            using Legacy.Iommu;
            using Migration.Kernel;
            public sealed class MsmMappedBuffer { public uint Vaddr { get; set; } public uint[] Iova { get; set; } }
            public sealed class MsmIommuDriver { public Device GetCtx(string ctxName) => null; }
            public sealed class MsmSubsystem
            {
                public ErrPtr<MsmMappedBuffer> MapBuffer(uint phys, uint length, uint flags, int[] subsysIds, uint nsubsys) => default;
                public int UnmapBuffer(ErrPtr<MsmMappedBuffer> buf) => 0;
            }
            public sealed class MsmIommuDomains
            {
                public IommuDomain MsmGetIommuDomain(int domainNum) => null;
                public uint MsmAllocateIovaAddress(uint iommuDomain, uint partitionNo, uint size, uint align) => 0;
                public int MsmIommuMapContigBuffer(uint phys, uint domainNo, uint partitionNo, uint size, uint align, uint cached, out uint iova) { iova = 0; return 0; }
            }
        }
        namespace Generic.Iommu
        {
            using Migration.Kernel;
            public sealed class BusType { public BusType(string name) { } public bool IommuPresent => true; }
            public sealed class IommuDomain { }
            public static class IommuApi
            {
                public static IommuDomain DomainAlloc(BusType bus) => null;
                public static void DomainFree(IommuDomain domain) { }
                public static int AttachDevice(IommuDomain domain, Device dev) => 0;
                public static void DetachDevice(IommuDomain domain, Device dev) { }
                public static int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) => 0;
                public static uint Unmap(IommuDomain domain, uint iova, uint size) => 0;
            }
        }
        namespace Generic.Iommu.Dma
        {
            using Migration.Kernel;
            public static class DmaApi
            {
                public static int MapSg(Device dev, SgTable sgt, int dir, uint attrs = 0) => 0;
                public static uint AllocCoherent(Device dev, uint size, out uint dmaHandle, uint attrs = 0) { dmaHandle = 0; return 0; }
                public static void FreeCoherent(Device dev, uint size, uint cpuAddr, uint dmaHandle, uint attrs = 0) { }
            }
        }
        """;
}
