namespace Migration.Clients.MsmCamera;

/// <summary>One device address a buffer got in one domain: a msm_mapped_buffer iova[i] (or its port), or an IMEM iova.</summary>
/// <param name="Domain">"camera" or "video" (<see cref="MsmCameraDomainNames"/>).</param>
/// <param name="Iova">The device address; 0 when the IOVA allocation failed yet the map succeeded (msm.md §9.13).</param>
public readonly record struct MsmCameraIova(string Domain, uint Iova);
