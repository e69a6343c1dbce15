namespace Migration.Kernel;

/// <summary>One user mapping (struct vm_area_struct): anonymous pages or a VM_PFNMAP window onto contiguous memory.</summary>
/// <param name="Start">vm_start.</param>
/// <param name="Size">vm_end − vm_start.</param>
/// <param name="Pages">The physical page behind each user page (anonymous mappings), or null.</param>
/// <param name="PfnBase">Physical address of <paramref name="Start"/> for a PFNMAP mapping.</param>
/// <param name="PfnMap">VM_PFNMAP.</param>
public sealed record UserVma(uint Start, uint Size, uint[]? Pages, uint PfnBase, bool PfnMap);
