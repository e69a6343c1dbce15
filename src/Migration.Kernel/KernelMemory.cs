using Migration.Hardware.Memory;

namespace Migration.Kernel;

/// <summary>
/// The kernel's memory services on the simulated SoC: the linear map (virt_to_phys), kmalloc/kzalloc,
/// vmalloc, ioremap and vmap of pages, over the RAM bank's <see cref="PhysicalPageAllocator"/>.
/// Kernel virtual addresses are plain u32 values so that iovmm's area->va and da_to_va keep their meaning.
/// </summary>
public sealed class KernelMemory
{
    /// <summary>PAGE_OFFSET: kernel virtual address of the start of the linear map.</summary>
    public const uint PAGE_OFFSET = 0xC0000000;

    /// <summary>VMALLOC_START: first address handed to vmalloc/ioremap/vmap areas.</summary>
    public const uint VMALLOC_START = 0xD0000000;

    /// <summary>VMALLOC_END: end of the vmalloc window.</summary>
    public const uint VMALLOC_END = 0xF8000000;

    /// <summary>PAGE_SIZE.</summary>
    public const uint PAGE_SIZE = 4096;

    // The vm areas in address order (a list searched by halving: enumerating a SortedDictionary allocates, and a
    // vmalloc_to_page loop looks an area up for every page).
    private readonly List<VmArea> _vmAreas = new();
    private readonly Dictionary<uint, int> _kmallocOrders = new();
    private VmArea? _lastFound; // callers walk an area page by page (vmalloc_to_page in a loop): remember the last hit

    /// <summary>Creates the services over <paramref name="pages"/>; the linear map starts at the bank base.</summary>
    public KernelMemory(PhysicalPageAllocator pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        Pages = pages;
    }

    /// <summary>The page allocator (alloc_pages / __get_free_pages).</summary>
    public PhysicalPageAllocator Pages { get; }

    /// <summary>The physical memory behind every mapping.</summary>
    public PhysicalMemory Memory => Pages.Memory;

    /// <summary>Failure injection for small-object allocations: kmalloc/kzalloc of descriptors, sg tables, cr_regs.</summary>
    public AllocationFaultInjector KzallocFaults { get; } = new();

    /// <summary>Failure injection for vmalloc.</summary>
    public AllocationFaultInjector VmallocFaults { get; } = new();

    /// <summary>Failure injection for ioremap.</summary>
    public AllocationFaultInjector IoremapFaults { get; } = new();

    /// <summary>Failure injection for the page mapping step of vmap_sg (ioremap_page).</summary>
    public AllocationFaultInjector VmapFaults { get; } = new();

    /// <summary>Live vmalloc/ioremap/vmap areas.</summary>
    public int VmAreaCount => _vmAreas.Count;

    /// <summary>Live kmalloc blocks.</summary>
    public int KmallocCount => _kmallocOrders.Count;

    /// <summary>kzalloc of a small descriptor: false when the injected failure says so (the caller returns -ENOMEM).</summary>
    public bool TryKzalloc() => !KzallocFaults.ShouldFail();

    /// <summary>__pa / virt_to_phys for a linear-map address.</summary>
    public uint VirtToPhys(uint va) => va - PAGE_OFFSET + Pages.BankBase;

    /// <summary>__va / phys_to_virt for RAM.</summary>
    public uint PhysToVirt(uint pa) => pa - Pages.BankBase + PAGE_OFFSET;

    /// <summary>
    /// kmalloc(bytes, GFP_KERNEL | GFP_DMA): physically contiguous memory from the page allocator
    /// (page granularity: 2^get_order(bytes) pages); the linear-map address, or 0.
    /// </summary>
    public uint Kmalloc(uint bytes)
    {
        if (bytes == 0 || KzallocFaults.ShouldFail())
            return 0;
        int order = GetOrder(bytes);
        uint pa = Pages.AllocPages(order, zero: false);
        if (pa == 0)
            return 0;
        uint va = PhysToVirt(pa);
        _kmallocOrders.Add(va, order);
        return va;
    }

    /// <summary>kfree of a <see cref="Kmalloc"/> address; kfree(NULL) does nothing.</summary>
    public void Kfree(uint va)
    {
        if (va == 0)
            return;
        if (!_kmallocOrders.Remove(va, out int order))
            throw new InvalidOperationException($"kfree(0x{va:x8}): not a kmalloc address");
        Pages.FreePages(VirtToPhys(va), order);
    }

    /// <summary>vmalloc(bytes): page-by-page (discontiguous) memory in a new vmalloc area; its address or 0.</summary>
    public uint Vmalloc(uint bytes)
    {
        if (bytes == 0 || VmallocFaults.ShouldFail())
            return 0;
        uint size = PageAlign(bytes);
        int count = (int)(size / PAGE_SIZE);
        var pages = new uint[count];
        for (int i = 0; i < count; i++)
        {
            pages[i] = Pages.AllocPages(0, zero: false);
            if (pages[i] == 0)
            {
                for (int j = 0; j < i; j++)
                    Pages.FreePages(pages[j], 0);
                return 0;
            }
        }
        uint va = ReserveVa(size);
        if (va == 0)
        {
            foreach (uint p in pages)
                Pages.FreePages(p, 0);
            return 0;
        }
        AddArea(new VmArea(va, size, VmAreaKind.Vmalloc, pages, 0));
        return va;
    }

    /// <summary>vfree(va); vfree(NULL) does nothing.</summary>
    public void Vfree(uint va)
    {
        if (va == 0)
            return;
        VmArea area = TakeArea(va, VmAreaKind.Vmalloc, "vfree");
        foreach (uint p in area.Pages!)
            Pages.FreePages(p, 0);
    }

    /// <summary>page_to_phys(vmalloc_to_page(va)): the page behind a vmalloc address, or 0 if none.</summary>
    public uint VmallocToPhys(uint va)
    {
        VmArea? area = FindArea(va);
        if (area is null || area.Kind != VmAreaKind.Vmalloc)
            return 0;
        return area.Pages![(va - area.Va) / PAGE_SIZE];
    }

    /// <summary>ioremap(pa, bytes): a kernel mapping of physically contiguous memory; its address or 0.</summary>
    public uint Ioremap(uint pa, uint bytes)
    {
        if (bytes == 0 || IoremapFaults.ShouldFail())
            return 0;
        uint offset = pa & (PAGE_SIZE - 1);
        uint size = PageAlign(bytes + offset);
        uint va = ReserveVa(size);
        if (va == 0)
            return 0;
        AddArea(new VmArea(va, size, VmAreaKind.Ioremap, null, pa - offset));
        return va + offset;
    }

    /// <summary>iounmap(va).</summary>
    public void Iounmap(uint va) => TakeArea(va & ~(PAGE_SIZE - 1), VmAreaKind.Ioremap, "iounmap");

    /// <summary>
    /// get_vm_area(bytes, VM_IOREMAP) for vmap_sg: reserves a kernel window of <paramref name="bytes"/>;
    /// its address or 0 when the window is full.
    /// </summary>
    public uint GetVmArea(uint bytes)
    {
        uint size = PageAlign(bytes);
        uint va = ReserveVa(size);
        if (va == 0)
            return 0;
        AddArea(new VmArea(va, size, VmAreaKind.Vmap, new uint[size / PAGE_SIZE], 0));
        return va;
    }

    /// <summary>ioremap_page(va, pa, mtype): maps one 4 KiB page of a <see cref="GetVmArea"/> window; 0 or -EAGAIN-style failure as false.</summary>
    public bool IoremapPage(uint va, uint pa)
    {
        if (VmapFaults.ShouldFail())
            return false;
        VmArea area = FindArea(va) ?? throw new InvalidOperationException($"ioremap_page(0x{va:x8}): no vm area");
        area.Pages![(va - area.Va) / PAGE_SIZE] = pa & ~(PAGE_SIZE - 1);
        return true;
    }

    /// <summary>vunmap(va) of a <see cref="GetVmArea"/> window.</summary>
    public void Vunmap(uint va) => TakeArea(va, VmAreaKind.Vmap, "vunmap");

    /// <summary>The CPU's translation of kernel address <paramref name="va"/>; false when nothing is mapped there.</summary>
    public bool TryTranslate(uint va, out uint pa)
    {
        if (va >= PAGE_OFFSET && va < VMALLOC_START && va - PAGE_OFFSET < Pages.BankSize)
        {
            pa = VirtToPhys(va);
            return true;
        }
        VmArea? area = FindArea(va);
        if (area is not null)
        {
            uint off = va - area.Va;
            pa = area.Kind == VmAreaKind.Ioremap
                ? area.PhysBase + off
                : area.Pages![off / PAGE_SIZE] + (off & (PAGE_SIZE - 1));
            if (area.Kind != VmAreaKind.Ioremap && area.Pages![off / PAGE_SIZE] == 0)
                return false;
            return true;
        }
        pa = 0;
        return false;
    }

    /// <summary>get_order(bytes): smallest order with (4 KiB &lt;&lt; order) ≥ bytes.</summary>
    public static int GetOrder(uint bytes)
    {
        int order = 0;
        ulong size = PAGE_SIZE;
        while (size < bytes)
        {
            size <<= 1;
            order++;
        }
        return order;
    }

    /// <summary>PAGE_ALIGN(bytes) in u32 arithmetic.</summary>
    public static uint PageAlign(uint bytes) => unchecked((bytes + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));

    private uint ReserveVa(uint size)
    {
        // First fit with one guard page after each area, as get_vm_area does.
        ulong candidate = VMALLOC_START;
        foreach (VmArea area in _vmAreas)
        {
            if (candidate + size <= area.Va)
                break;
            candidate = Math.Max(candidate, (ulong)area.Va + area.Size + PAGE_SIZE);
        }
        return candidate + size <= VMALLOC_END ? (uint)candidate : 0;
    }

    private VmArea? FindArea(uint va)
    {
        if (_lastFound is { } last && va - last.Va < last.Size)
            return last;
        int i = LastAreaAtOrBelow(va);
        return i >= 0 && va - _vmAreas[i].Va < _vmAreas[i].Size ? _lastFound = _vmAreas[i] : null;
    }

    // Index of the last area starting at or below va, or -1.
    private int LastAreaAtOrBelow(uint va)
    {
        int lo = 0, hi = _vmAreas.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_vmAreas[mid].Va <= va)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return hi;
    }

    private void AddArea(VmArea area)
    {
        int i = LastAreaAtOrBelow(area.Va);
        if (i >= 0 && _vmAreas[i].Va == area.Va)
            throw new InvalidOperationException($"vm area at 0x{area.Va:x8} already exists");
        _vmAreas.Insert(i + 1, area);
    }

    private VmArea TakeArea(uint va, VmAreaKind kind, string fn)
    {
        int i = LastAreaAtOrBelow(va);
        if (i < 0 || _vmAreas[i].Va != va || _vmAreas[i].Kind != kind)
            throw new InvalidOperationException($"{fn}(0x{va:x8}): not the start of a {kind} area");
        VmArea area = _vmAreas[i];
        _vmAreas.RemoveAt(i);
        if (ReferenceEquals(_lastFound, area))
            _lastFound = null;
        return area;
    }

    private enum VmAreaKind
    {
        Vmalloc,
        Ioremap,
        Vmap,
    }

    private sealed record VmArea(uint Va, uint Size, VmAreaKind Kind, uint[]? Pages, uint PhysBase);
}
