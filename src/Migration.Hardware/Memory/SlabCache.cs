namespace Migration.Hardware.Memory;

/// <summary>
/// A kmem_cache of fixed-size, aligned objects carved from pages of a <see cref="PhysicalPageAllocator"/>
/// (OMAP's "iopte" cache: 1 KiB objects, 1 KiB aligned, omap.md §4.6). Returns 0 on failure.
/// Thread-safe like the kernel's slab allocator: a private lock guards the free list and live set.
/// </summary>
public sealed class SlabCache
{
    private readonly PhysicalPageAllocator _pages;
    private readonly Stack<uint> _free = new();
    private readonly HashSet<uint> _live = new();
    private readonly List<uint> _slabPages = new();
    private readonly Lock _lock = new();

    /// <summary>kmem_cache_create(name, size, align, ...): objects of <paramref name="objectSize"/> bytes.</summary>
    public SlabCache(string name, PhysicalPageAllocator pages, uint objectSize)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (objectSize == 0 || objectSize > PhysicalMemory.FrameSize || (PhysicalMemory.FrameSize % objectSize) != 0)
            throw new ArgumentException($"object size {objectSize} must divide the page size", nameof(objectSize));
        Name = name;
        _pages = pages;
        ObjectSize = objectSize;
    }

    /// <summary>The cache name (e.g. "iovmm_pte").</summary>
    public string Name { get; }

    /// <summary>Object size in bytes; objects are aligned to it.</summary>
    public uint ObjectSize { get; }

    /// <summary>Objects currently allocated.</summary>
    public int LiveObjects
    {
        get
        {
            lock (_lock)
                return _live.Count;
        }
    }

    /// <summary>Failure injection for kmem_cache_zalloc on this cache.</summary>
    public AllocationFaultInjector Faults { get; } = new();

    /// <summary>kmem_cache_zalloc: a zeroed object's physical address, or 0 when allocation fails.</summary>
    public uint ZAlloc()
    {
        lock (_lock)
            return ZAllocLocked();
    }

    private uint ZAllocLocked()
    {
        if (Faults.ShouldFail())
            return 0;
        if (_free.Count == 0)
        {
            uint page = _pages.AllocPages(0, zero: false);
            if (page == 0)
                return 0;
            _slabPages.Add(page);
            for (uint off = PhysicalMemory.FrameSize; off > 0; off -= ObjectSize)
                _free.Push(page + off - ObjectSize);
        }
        uint pa = _free.Pop();
        _live.Add(pa);
        _pages.Memory.Fill(pa, ObjectSize, 0);
        return pa;
    }

    /// <summary>kmem_cache_free: returns an object obtained from <see cref="ZAlloc"/>.</summary>
    public void Free(uint pa)
    {
        lock (_lock)
            FreeLocked(pa);
    }

    private void FreeLocked(uint pa)
    {
        if (!_live.Remove(pa))
            throw new InvalidOperationException($"kmem_cache_free({Name}, 0x{pa:x8}): not a live object of this cache");
        _free.Push(pa);
    }

    /// <summary>Pages the cache holds (each carved into objects), live or free.</summary>
    public int SlabPages
    {
        get
        {
            lock (_lock)
                return _slabPages.Count;
        }
    }

    /// <summary>
    /// kmem_cache_destroy: returns every page of the cache to the page allocator. Throws when objects are still live
    /// (the kernel reports "Objects remaining" and leaks the cache).
    /// </summary>
    public void Destroy()
    {
        lock (_lock)
        {
            if (_live.Count != 0)
                throw new InvalidOperationException($"kmem_cache_destroy({Name}): {_live.Count} objects remaining");
            foreach (uint page in _slabPages)
                _pages.FreePages(page, 0);
            _slabPages.Clear();
            _free.Clear();
        }
    }

    /// <summary>True when <paramref name="pa"/> is the start of a live object.</summary>
    public bool IsLive(uint pa)
    {
        lock (_lock)
            return _live.Contains(pa);
    }
}
