namespace Migration.Clients.Omap3isp;

/// <summary>The kind of memory behind a video buffer (enum v4l2_memory plus the VM_PFNMAP case of ispqueue.c; omap.md §6.2).</summary>
public enum IspMemoryType
{
    /// <summary>V4L2_MEMORY_MMAP: vmalloc_32_user memory the queue allocates at REQBUFS.</summary>
    Mmap,

    /// <summary>V4L2_MEMORY_USERPTR on ordinary anonymous pages (get_user_pages).</summary>
    UserPtr,

    /// <summary>V4L2_MEMORY_USERPTR on a VM_PFNMAP mapping of contiguous memory (follow_pfn; no dma_map_sg in 3.0 and 3.3).</summary>
    UserPtrPfnMap,
}
