using Migration.Hardware.Msm;

namespace Migration.Clients.MsmCamera;

/// <summary>
/// A context bank a camera-client domain is attached to: what the harness needs to drive the hardware
/// (msm.md §2.1: an MSM IOMMU instance and a context number inside it).
/// </summary>
/// <param name="Name">The context's platform-data name ("vfe_imgwr").</param>
/// <param name="Instance">The MSM IOMMU instance (register window, walker, TLB) the context belongs to.</param>
/// <param name="Number">The context bank number inside <paramref name="Instance"/>.</param>
public sealed record MsmCameraContext(string Name, MsmIommu Instance, int Number);
