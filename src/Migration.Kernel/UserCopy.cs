namespace Migration.Kernel;

/// <summary>
/// copy_from_user into kernel memory on the simulated SoC: reads the application's pages (anonymous or
/// VM_PFNMAP) and writes through the kernel address's translation (vmalloc pages), so the bytes land in
/// the physical memory the ISP later reads through its MMU.
/// </summary>
public static class UserCopy
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>copy_from_user(to, from, n): the number of bytes NOT copied (0 on success; callers turn non-zero into -EFAULT).</summary>
    public static uint CopyFromUser(KernelMemory kmem, UserAddressSpace mm, uint to, uint from, uint n)
    {
        Span<byte> chunk = stackalloc byte[(int)PAGE_SIZE];
        uint done = 0;
        while (done < n)
        {
            uint src = unchecked(from + done);
            if (!TryUserPhys(mm, src, out uint srcPa))
                return n - done; // the fault fixup finds no mapping: the rest stays uncopied
            uint dst = unchecked(to + done);
            uint dstPa = KernelPhys(kmem, dst);
            uint len = Math.Min(n - done, Math.Min(PAGE_SIZE - (src & (PAGE_SIZE - 1)), PAGE_SIZE - (dst & (PAGE_SIZE - 1))));
            Span<byte> part = chunk[..(int)len];
            kmem.Memory.ReadBytes(srcPa, part);
            kmem.Memory.WriteBytes(dstPa, part);
            done += len;
        }
        return 0;
    }

    /// <summary>Fills <paramref name="n"/> bytes at kernel address <paramref name="to"/> with byte i = <paramref name="source"/>(i).</summary>
    public static void WriteKernel(KernelMemory kmem, uint to, uint n, Func<uint, byte> source)
    {
        Span<byte> chunk = stackalloc byte[(int)PAGE_SIZE];
        uint done = 0;
        while (done < n)
        {
            uint dst = unchecked(to + done);
            uint len = Math.Min(n - done, PAGE_SIZE - (dst & (PAGE_SIZE - 1)));
            Span<byte> part = chunk[..(int)len];
            for (int i = 0; i < part.Length; i++)
                part[i] = source(done + (uint)i);
            kmem.Memory.WriteBytes(KernelPhys(kmem, dst), part);
            done += len;
        }
    }

    private static uint KernelPhys(KernelMemory kmem, uint va)
    {
        // A kernel address without a mapping is an oops ("Unable to handle kernel paging request"), not an errno.
        if (!kmem.TryTranslate(va, out uint pa))
            throw new KernelBugException($"copy_from_user: kernel address 0x{va:x8} is not mapped (Unable to handle kernel paging request)");
        return pa;
    }

    private static bool TryUserPhys(UserAddressSpace mm, uint va, out uint pa)
    {
        pa = 0;
        UserVma? vma = mm.FindVma(va);
        if (vma is null)
            return false;
        uint off = va - vma.Start;
        pa = vma.PfnMap
            ? vma.PfnBase + off
            : vma.Pages![off / PAGE_SIZE] + (off & (PAGE_SIZE - 1));
        return true;
    }
}
