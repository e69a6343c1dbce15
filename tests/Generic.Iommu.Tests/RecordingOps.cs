using Generic.Iommu;
using Migration.Kernel;

namespace Generic.Iommu.Tests;

/// <summary>A driver that records every map/unmap call; unmap removes the recorded page containing iova.</summary>
public sealed class RecordingOps : IIommuOps
{
    public uint PgsizeBitmap { get; init; } = 0x01111000;
    public int FailMapCall { get; init; }
    public int FailErrno { get; init; } = -Errno.ENOMEM;
    public List<(uint Iova, uint Paddr, uint Size)> MapCalls { get; } = new();
    public List<(uint Iova, uint Size, uint Ret)> UnmapCalls { get; } = new();
    public List<(uint Iova, uint Size)> Mapped { get; } = new();

    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        MapCalls.Add((iova, paddr, size));
        if (MapCalls.Count == FailMapCall)
            return FailErrno;
        Mapped.Add((iova, size));
        return 0;
    }

    public uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        int i = Mapped.FindIndex(m => m.Iova <= iova && iova < (ulong)m.Iova + m.Size);
        uint ret = i < 0 ? 0 : Mapped[i].Size;
        if (i >= 0)
            Mapped.RemoveAt(i);
        UnmapCalls.Add((iova, size, ret));
        return ret;
    }

    public int DomainInit(IommuDomain domain) => 0;
    public void DomainDestroy(IommuDomain domain) { }
    public int AttachDev(IommuDomain domain, Device dev) => 0;
    public void DetachDev(IommuDomain domain, Device dev) { }
    public uint IovaToPhys(IommuDomain domain, uint iova) => 0;
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;
}
