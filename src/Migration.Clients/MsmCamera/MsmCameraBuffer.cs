namespace Migration.Clients.MsmCamera;

/// <summary>
/// One live device mapping of the camera client: a buffer's IOVA in one domain (the port of a msm_mapped_buffer iova[i],
/// or the IMEM iova of the ported msm_iommu_map_contig_buffer). A codec buffer mapped for {VIDEO, VIDEO_FWARE} appears
/// twice with the same handle.
/// </summary>
/// <param name="Handle">The client handle the buffer was registered under (IMEM ping = 1, pong = 2).</param>
/// <param name="Domain">"camera" or "video" (<see cref="MsmCameraDomainNames"/>).</param>
/// <param name="Iova">The device address; 0 when the IOVA allocation failed yet the map succeeded (msm.md §9.13).</param>
/// <param name="Length">Bytes mapped onto the buffer: the length rounded up to 4 KiB, without the 2X padding.</param>
/// <param name="Phys">The physical address the buffer starts at.</param>
public readonly record struct MsmCameraBuffer(int Handle, string Domain, uint Iova, uint Length, uint Phys);
