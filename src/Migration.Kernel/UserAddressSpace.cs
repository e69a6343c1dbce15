namespace Migration.Kernel;

/// <summary>
/// A process's user address space (struct mm_struct) as far as client drivers see it: anonymous mappings
/// whose pages get_user_pages pins one by one, and VM_PFNMAP mappings of physically contiguous memory
/// (the omap3isp USERPTR cases of omap.md §6.2). User addresses are plain u32 values below PAGE_OFFSET.
/// </summary>
public sealed class UserAddressSpace
{
    /// <summary>First address handed out by <see cref="MmapAnonymous"/> / <see cref="MmapPfn"/> (a typical mmap_base).</summary>
    public const uint MmapBase = 0x40000000;

    private readonly SortedDictionary<uint, UserVma> _vmas = new();
    private uint _next = MmapBase;

    /// <summary>Creates an empty address space whose anonymous pages come from <paramref name="kernelMemory"/>.</summary>
    public UserAddressSpace(KernelMemory kernelMemory)
    {
        ArgumentNullException.ThrowIfNull(kernelMemory);
        KernelMemory = kernelMemory;
    }

    /// <summary>The kernel memory services that back anonymous pages.</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>Live mappings.</summary>
    public int VmaCount => _vmas.Count;

    /// <summary>
    /// mmap(NULL, bytes, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS) with every page populated (as after a
    /// memset by the application): the page-aligned user address, or 0 when memory runs out.
    /// </summary>
    public uint MmapAnonymous(uint bytes)
    {
        uint size = KernelMemory.PageAlign(bytes);
        if (size == 0)
            return 0;
        var pages = new uint[size / KernelMemory.PAGE_SIZE];
        for (int i = 0; i < pages.Length; i++)
        {
            pages[i] = KernelMemory.Pages.AllocPages(0, zero: true);
            if (pages[i] == 0)
            {
                for (int j = 0; j < i; j++)
                    KernelMemory.Pages.FreePages(pages[j], 0);
                return 0;
            }
        }
        return Insert(new UserVma(0, size, pages, 0, PfnMap: false));
    }

    /// <summary>
    /// mmap of a device or reserved region with remap_pfn_range (VM_IO | VM_PFNMAP): [pa, pa + bytes) physically
    /// contiguous, not backed by struct pages, so get_user_pages refuses it.
    /// </summary>
    public uint MmapPfn(uint pa, uint bytes)
    {
        uint size = KernelMemory.PageAlign(bytes);
        if (size == 0 || (pa & (KernelMemory.PAGE_SIZE - 1)) != 0)
            return 0;
        return Insert(new UserVma(0, size, null, pa, PfnMap: true));
    }

    /// <summary>munmap of a whole mapping created here; anonymous pages go back to the allocator.</summary>
    public void Munmap(uint start)
    {
        if (!_vmas.Remove(start, out UserVma? vma))
            return;
        if (vma.Pages is not null)
        {
            foreach (uint p in vma.Pages)
                KernelMemory.Pages.FreePages(p, 0);
        }
    }

    /// <summary>find_vma: the mapping containing <paramref name="va"/>, or null.</summary>
    public UserVma? FindVma(uint va)
    {
        foreach (UserVma vma in _vmas.Values)
        {
            if (va >= vma.Start && va - vma.Start < vma.Size)
                return vma;
        }
        return null;
    }

    /// <summary>
    /// get_user_pages(start, nrPages): the physical page of each user page from the page containing
    /// <paramref name="start"/> on; the number pinned, or -EFAULT when the range leaves an anonymous mapping
    /// (a PFNMAP mapping is refused with -EFAULT too, as follow_page finds no struct page).
    /// </summary>
    public int GetUserPages(uint start, int nrPages, Span<uint> pages)
    {
        uint first = start & ~(KernelMemory.PAGE_SIZE - 1);
        UserVma? vma = FindVma(first);
        if (vma is null || vma.PfnMap || nrPages > pages.Length)
            return -Errno.EFAULT;
        uint index = (first - vma.Start) / KernelMemory.PAGE_SIZE;
        if (index + (uint)nrPages > vma.Pages!.Length)
            return -Errno.EFAULT;
        for (int i = 0; i < nrPages; i++)
            pages[i] = vma.Pages[index + i];
        return nrPages;
    }

    /// <summary>
    /// follow_pfn for a VM_PFNMAP mapping: the physical address behind <paramref name="va"/>, or -EINVAL when the
    /// address is not in such a mapping.
    /// </summary>
    public int FollowPfn(uint va, out uint pa)
    {
        UserVma? vma = FindVma(va);
        if (vma is null || !vma.PfnMap)
        {
            pa = 0;
            return -Errno.EINVAL;
        }
        pa = vma.PfnBase + (va - vma.Start);
        return 0;
    }

    private uint Insert(UserVma vma)
    {
        uint start = _next;
        _next += vma.Size + KernelMemory.PAGE_SIZE; // one unmapped page between mappings, as mmap's gap would leave
        _vmas.Add(start, vma with { Start = start });
        return start;
    }
}
