using Generic.Iommu;
using Migration.Clients.MsmCamera;

namespace Generic.MsmCamera;

/// <summary>
/// The ported client's record of one live buffer: what the legacy msm_mapped_buffer and its subsystem_map.c
/// node held (per-domain iovas, the mapped size, the kernel mapping), now kept by the client itself.
/// </summary>
internal sealed class MsmCameraMapping : MsmCameraMappedBuffer
{
    /// <summary>A buffer at <paramref name="phys"/>, <paramref name="length"/> bytes mapped, <paramref name="mapSize"/> bytes of IOVA.</summary>
    public MsmCameraMapping(uint phys, uint length, uint mapSize, bool padded, IReadOnlyList<MsmCameraMappingTarget> targets)
        : base(targets.Select(t => new MsmCameraIova(t.Domain, t.Iova)).ToArray())
    {
        Phys = phys;
        Length = length;
        MapSize = mapSize;
        Padded = padded;
        Targets = targets;
    }

    /// <summary>The buffer's physical address.</summary>
    public uint Phys { get; }

    /// <summary>Bytes mapped onto the buffer (rounded up to 4 KiB).</summary>
    public uint Length { get; }

    /// <summary>Bytes of IOVA reserved per target: twice <see cref="Length"/> with the 2X padding.</summary>
    public uint MapSize { get; }

    /// <summary>True when [iova + Length, iova + MapSize) aliases the dummy page (IOMMU_2X).</summary>
    public bool Padded { get; }

    /// <summary>The kernel mapping of a firmware buffer (the legacy KADDR ioremap), or 0.</summary>
    public uint Vaddr { get; set; }

    /// <summary>One entry per domain/partition the buffer is mapped in (the legacy iova[i]).</summary>
    public IReadOnlyList<MsmCameraMappingTarget> Targets { get; }
}

/// <summary>One domain/partition a buffer is mapped in, and the iova it got there (0: the allocation failed, msm.md §9.13).</summary>
/// <param name="Domain">"camera" or "video".</param>
/// <param name="IommuDomain">The generic domain.</param>
/// <param name="Pool">The partition the iova was allocated from.</param>
/// <param name="Iova">The device address, or 0.</param>
internal readonly record struct MsmCameraMappingTarget(string Domain, IommuDomain IommuDomain, MsmCameraIovaPool Pool, uint Iova);
