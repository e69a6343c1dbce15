using Migration.Kernel;

namespace Migration.Drivers.Omap;

/// <summary>
/// The iovmm device-address allocator (arch/arm/plat-omap/iovmm.c alloc_iovm_area, free_iovm_area,
/// __find_iovm_area; omap.md §5.4), unchanged from 2.6.39 to 3.3: first fit from the low end, a guard
/// page after each area passed over, IOVMF_DA_FIXED areas placed as asked, LINEAR areas aligned to
/// iopgsz_max(bytes). All arithmetic is u32 as in the kernel.
/// </summary>
public static class IovmAreaAllocator
{
    private const uint PAGE_SIZE = 4096;

    /// <summary>
    /// alloc_iovm_area(obj, da, bytes, flags): the new area inserted into obj->mmap, or ERR_PTR
    /// -EINVAL (no space, fixed range violation, zero bytes) / -ENOMEM (descriptor allocation).
    /// </summary>
    public static ErrPtr<IovmArea> Alloc(OmapIommuInstance? obj, uint da, uint bytes, uint flags) =>
        Alloc(obj, da, bytes, flags, out _);

    /// <summary>As <see cref="Alloc(OmapIommuInstance?, uint, uint, uint)"/>; <paramref name="divideByZero"/> reports the ARM __div0 path (§5.4 step 3).</summary>
    public static ErrPtr<IovmArea> Alloc(OmapIommuInstance? obj, uint da, uint bytes, uint flags, out bool divideByZero)
    {
        divideByZero = false;
        if (obj is null || bytes == 0)
            return ErrPtr<IovmArea>.Error(-Errno.EINVAL);

        bool anonymous = (flags & IovmFlags.IOVMF_DA_FIXED) == 0;
        uint start = da;
        uint alignment = PAGE_SIZE;

        if (anonymous)
        {
            start = obj.DaStart != 0 ? obj.DaStart : alignment; // don't hand out address 0 (§8.11)
            if ((flags & IovmFlags.IOVMF_LINEAR) != 0)
                alignment = IopgSize.IopgszMax(bytes);
            start = RoundUp(start, alignment, ref divideByZero);
        }
        else if (start < obj.DaStart || start > obj.DaEnd || unchecked(obj.DaEnd - start) < bytes)
        {
            return ErrPtr<IovmArea>.Error(-Errno.EINVAL);
        }

        List<IovmArea> mmap = obj.Mmap;
        int insertAt; // list position: before index insertAt (== Count: tail)
        if (mmap.Count == 0)
        {
            insertAt = 0;
        }
        else
        {
            uint prevEnd = 0;
            insertAt = -1;
            foreach (IovmArea tmp in mmap)
            {
                if (prevEnd > start)
                    break; // overlap with the previous area: the tail check below fails
                if (tmp.DaStart > start && tmp.DaStart - start >= bytes)
                {
                    insertAt = mmap.IndexOf(tmp); // list_add_tail(new, tmp): just before tmp
                    break;
                }
                if (tmp.DaEnd >= start && anonymous)
                    start = RoundUp(unchecked(tmp.DaEnd + 1), alignment, ref divideByZero); // the guard page (§5.4)
                prevEnd = tmp.DaEnd;
            }
            if (insertAt < 0)
            {
                // Unsigned tail check; it wraps (and passes) when start > da_end (§5.4).
                if (!(start >= prevEnd && unchecked(obj.DaEnd - start) >= bytes))
                    return ErrPtr<IovmArea>.Error(-Errno.EINVAL);
                insertAt = mmap.Count;
            }
        }

        if (!obj.KernelMemory.TryKzalloc())
            return ErrPtr<IovmArea>.Error(-Errno.ENOMEM);
        var area = new IovmArea(obj, start, unchecked(start + bytes), flags);
        mmap.Insert(insertAt, area);
        return area;
    }

    /// <summary>free_iovm_area(obj, area): unlinks and frees the descriptor; BUG on NULL.</summary>
    public static void Free(OmapIommuInstance? obj, IovmArea? area)
    {
        Bug.On(obj is null || area is null, "free_iovm_area: BUG_ON(!obj || !area)");
        if (!obj.Mmap.Remove(area))
            throw new InvalidOperationException($"free_iovm_area: {area} is not on {obj}'s list");
    }

    /// <summary>__find_iovm_area(obj, da): the first area in list order containing da, or null.</summary>
    public static IovmArea? Find(OmapIommuInstance obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (IovmArea tmp in obj.Mmap)
        {
            if (tmp.Contains(da))
                return tmp;
        }
        return null;
    }

    // roundup(x, y) = ((x + y - 1) / y) * y in u32; a zero divisor gives 0 on ARM (__div0, §5.4).
    private static uint RoundUp(uint x, uint y, ref bool divideByZero)
    {
        if (y == 0)
        {
            divideByZero = true;
            return 0;
        }
        return unchecked((x + (y - 1)) / y * y);
    }
}
