using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>
/// One device address space shared by IOMMUs of different page-table formats: the 2010 VCM proposal's global
/// mapping view, built as a library on the generic API, as upstream asked. Every attached domain gets each mapping
/// through its own driver (iommu_map splits by that domain's pgsize_bitmap); a failure on any domain rolls the call
/// back on all of them; attaching to a populated space replays its mappings. The space owns no memory: buffers come
/// from an allocator of their own, so a detached or vanished device takes nothing with it.
/// </summary>
public class SharedAddressSpace
{
    private readonly List<(IommuDomain Domain, Func<int, int> Prot)> _attached = new();
    private readonly SortedList<uint, SharedMapping> _mappings = new(); // by device address: overlap and lookup by binary search
    private readonly Dictionary<uint, SharedBuffer> _buffers = new();
    private readonly IovaAllocator? _iova;
    // One mutex over the space's own bookkeeping and the calls it makes into the drivers, as a group's mutex orders
    // attach against map in the kernel; Monitor is re-entrant, so MapSg can build on Map and a fault reported while
    // the same thread maps can look its mapping up.
    private readonly object _lock = new();
    private SharedFaultHandler? _faultHandler;

    /// <summary>A space over the whole 32-bit device address range whose callers choose every device address.</summary>
    public SharedAddressSpace()
    {
        End = 0x1_0000_0000UL;
    }

    /// <summary>
    /// A space over [<paramref name="start"/>, <paramref name="start"/> + <paramref name="size"/>) that also hands out
    /// device addresses for whole buffers (<see cref="MapSg"/>); the devices keep the rest of their range for
    /// private, one-sided mappings. Throws <see cref="ArgumentException"/> for a range that is not 4 KiB aligned.
    /// </summary>
    public SharedAddressSpace(uint start, uint size)
    {
        if ((start & 0xFFF) != 0 || (size & 0xFFF) != 0 || size == 0 || (ulong)start + size > 0x1_0000_0000UL)
            throw new ArgumentException($"a shared range must be 4 KiB aligned, non-empty and below 4 GiB: 0x{start:x8} + 0x{size:x}");
        Start = start;
        End = (ulong)start + size;
        _iova = new IovaAllocator(start, End);
    }

    /// <summary>The first device address of the shared range.</summary>
    public uint Start { get; }

    /// <summary>One past the last device address of the shared range.</summary>
    public ulong End { get; }

    /// <summary>A snapshot of the buffers mapped through <see cref="MapSg"/>.</summary>
    public IReadOnlyCollection<SharedBuffer> Buffers
    {
        get
        {
            lock (_lock)
                return _buffers.Values.ToArray();
        }
    }

    /// <summary>The attached domains, in attach order.</summary>
    public IReadOnlyList<IommuDomain> Domains
    {
        get
        {
            lock (_lock)
                return _attached.Select(a => a.Domain).ToList();
        }
    }

    /// <summary>A snapshot of the mappings, by device address.</summary>
    public IReadOnlyCollection<SharedMapping> Mappings
    {
        get
        {
            lock (_lock)
                return _mappings.Values.ToArray();
        }
    }

    /// <summary>
    /// Attaches <paramref name="domain"/>, whose driver reads prot through <paramref name="protFor"/> (identity when
    /// null: an OMAP driver needs its IOVMF bits, the mainline MSM driver a cache class), and replays every existing
    /// mapping into it. 0, -EBUSY when already attached, or the first driver error with the replay undone.
    /// </summary>
    public int Attach(IommuDomain domain, Func<int, int>? protFor = null)
    {
        lock (_lock)
        {
            ArgumentNullException.ThrowIfNull(domain);
            if (_attached.Any(a => ReferenceEquals(a.Domain, domain)))
                return -Errno.EBUSY;
            Func<int, int> prot = protFor ?? (p => p);
            var replayed = new List<SharedMapping>();
            foreach (SharedMapping m in _mappings.Values)
            {
                int ret = Replay(domain, m, prot(m.Prot));
                if (ret != 0)
                {
                    foreach (SharedMapping done in replayed)
                        UnmapFrom(domain, done);
                    return ret;
                }
                replayed.Add(m);
            }
            _attached.Add((domain, prot));
            if (_faultHandler is not null)
                IommuApi.SetFaultHandler(domain, ReportFault);
            return 0;
        }
    }

    /// <summary>
    /// Maps the existing mapping <paramref name="m"/> into <paramref name="domain"/> as <see cref="Attach"/> replays it,
    /// with the domain's own <paramref name="prot"/>: one iommu_map (a known-bad port overrides it).
    /// </summary>
    protected virtual int Replay(IommuDomain domain, SharedMapping m, int prot) => IommuApi.Map(domain, m.Iova, m.Pa, m.Size, prot);

    /// <summary>
    /// iommu_set_fault_handler for the whole space: every attached domain (now and later) reports its faults to
    /// <paramref name="handler"/> with the mapping the address falls in, if any; null removes it from every domain.
    /// A driver that never calls report_iommu_fault (mainline MSM only logs its faults, msm.md §5.12) reports nothing.
    /// </summary>
    public void SetFaultHandler(SharedFaultHandler? handler)
    {
        lock (_lock)
        {
            _faultHandler = handler;
            foreach ((IommuDomain domain, _) in _attached)
                IommuApi.SetFaultHandler(domain, handler is null ? null : ReportFault);
        }
    }

    private int ReportFault(IommuDomain domain, Device dev, uint iova, int flags) =>
        _faultHandler?.Invoke(domain, dev, iova, flags, MappingAt(iova)) ?? -Errno.ENOSYS;

    /// <summary>Detaches <paramref name="domain"/>: its own entries are unmapped; the space and the other domains keep theirs.</summary>
    public void Detach(IommuDomain domain)
    {
        lock (_lock)
        {
            ArgumentNullException.ThrowIfNull(domain);
            if (_attached.FindIndex(a => ReferenceEquals(a.Domain, domain)) is var i and >= 0)
            {
                foreach (SharedMapping m in _mappings.Values)
                    UnmapFrom(domain, m);
                if (_faultHandler is not null)
                    IommuApi.SetFaultHandler(domain, null);
                _attached.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Forgets <paramref name="domain"/> without touching its tables: the device vanished (a crash mid-stream); the
    /// mappings, the buffers and every other domain stay as they were.
    /// </summary>
    public void Forget(IommuDomain domain)
    {
        lock (_lock)
            _attached.RemoveAll(a => ReferenceEquals(a.Domain, domain));
    }

    /// <summary>
    /// Maps [iova, iova + size) → pa into every attached domain. 0; -EEXIST when the range overlaps a mapping; or the
    /// first driver error, with the call undone on the domains already done (none keeps a partial mapping).
    /// </summary>
    public int Map(uint iova, uint pa, uint size, int prot)
    {
        lock (_lock)
        {
            if (size == 0 || iova < Start || (ulong)iova + size > End)
                return -Errno.EINVAL;
            // Mappings never overlap, so only the last one starting at or below iova and the first one above it can.
            int floor = FloorIndex(iova);
            if (floor >= 0 && (ulong)_mappings.Values[floor].Iova + _mappings.Values[floor].Size > iova)
                return -Errno.EEXIST;
            if (floor + 1 < _mappings.Count && _mappings.Values[floor + 1].Iova < (ulong)iova + size)
                return -Errno.EEXIST;
            var mapping = new SharedMapping(iova, pa, size, prot);
            for (int i = 0; i < _attached.Count; i++)
            {
                int ret = IommuApi.Map(_attached[i].Domain, iova, pa, size, _attached[i].Prot(prot));
                if (ret != 0)
                {
                    for (int j = 0; j < i; j++)
                        UnmapFrom(_attached[j].Domain, mapping);
                    return ret;
                }
            }
            _mappings.Add(iova, mapping);
            return 0;
        }
    }

    /// <summary>Unmaps the mapping that starts at <paramref name="iova"/> from every attached domain; 0 or -ENOENT.</summary>
    public int Unmap(uint iova)
    {
        lock (_lock)
        {
            if (!_mappings.Remove(iova, out SharedMapping m))
                return -Errno.ENOENT;
            foreach ((IommuDomain domain, _) in _attached)
                UnmapFrom(domain, m);
            return 0;
        }
    }

    /// <summary>
    /// Maps the buffer <paramref name="sgt"/> describes at a fresh device address of the shared range into every
    /// attached domain, whole pages at a time and each entry right after the previous one, so the buffer is
    /// contiguous for every device. Returns the device address of the buffer's first byte (the first entry's offset
    /// into its page included, as omap_iommu_vmap does, omap.md §8.24), or an IS_ERR_VALUE errno: -EINVAL for a
    /// space without an allocator or entries that would leave a hole (an offset after the first entry, a partial
    /// page before the last), -ENOMEM when the range is full, or the first driver error with every entry undone
    /// and the address released.
    /// </summary>
    public uint MapSg(SgTable sgt, int prot)
    {
        lock (_lock)
        {
            ArgumentNullException.ThrowIfNull(sgt);
            if (_iova is null || sgt.Nents == 0)
                return ErrValue.FromErrno(-Errno.EINVAL);
            ulong total = 0;
            for (int i = 0; i < sgt.Nents; i++)
            {
                Scatterlist sg = sgt.Sgl[i];
                bool first = i == 0, last = i == sgt.Nents - 1;
                if (sg.Length == 0 || (sg.PagePhys & 0xFFF) != 0 || (!first && sg.Offset != 0) || (!last && ((sg.Offset + sg.Length) & 0xFFF) != 0))
                    return ErrValue.FromErrno(-Errno.EINVAL);
                total += KernelMemory.PageAlign(sg.Offset + sg.Length);
            }
            if (total > End - Start)
                return ErrValue.FromErrno(-Errno.ENOMEM);
            // Aligned like the buffer's size (up to 1 MiB), so that physically contiguous buffers can get large pages
            // in every IOMMU whose bitmap has them.
            uint align = total >= 0x100000 ? 0x100000u : total >= 0x10000 ? 0x10000u : 0x1000u;
            uint da = _iova.Alloc((uint)total, align);
            if (da == 0)
                return ErrValue.FromErrno(-Errno.ENOMEM);
            uint iova = da;
            for (int i = 0; i < sgt.Nents; i++)
            {
                uint bytes = KernelMemory.PageAlign(sgt.Sgl[i].Offset + sgt.Sgl[i].Length);
                int ret = Map(iova, sgt.Sgl[i].PagePhys, bytes, prot);
                if (ret != 0)
                {
                    UnmapRange(da, iova - da);
                    _iova.Free(da, (uint)total);
                    return ErrValue.FromErrno(ret);
                }
                iova += bytes;
            }
            _buffers.Add(da, new SharedBuffer(da, (uint)total, sgt.Nents));
            return da + sgt.Sgl[0].Offset;
        }
    }

    /// <summary>
    /// Unmaps the buffer <see cref="MapSg"/> returned <paramref name="da"/> for (any address in its first page) from
    /// every attached domain and releases its addresses; 0 or -ENOENT.
    /// </summary>
    public int UnmapSg(uint da)
    {
        lock (_lock)
        {
            if (!_buffers.Remove(da & ~0xFFFu, out SharedBuffer buffer))
                return -Errno.ENOENT;
            UnmapRange(buffer.Da, buffer.Size);
            _iova!.Free(buffer.Da, buffer.Size);
            return 0;
        }
    }

    // The mappings of [da, da + size), which MapSg laid out back to back.
    private void UnmapRange(uint da, uint size)
    {
        for (uint iova = da; iova < da + size;)
        {
            uint bytes = _mappings[iova].Size;
            _ = Unmap(iova);
            iova += bytes;
        }
    }

    /// <summary>The mapping that contains <paramref name="iova"/>, or null (what every attached IOMMU must translate it to).</summary>
    public SharedMapping? MappingAt(uint iova)
    {
        lock (_lock)
        {
            int floor = FloorIndex(iova);
            return floor >= 0 && iova - _mappings.Values[floor].Iova < _mappings.Values[floor].Size ? _mappings.Values[floor] : null;
        }
    }

    // The index of the last mapping that starts at or below iova, or -1.
    private int FloorIndex(uint iova)
    {
        IList<uint> keys = _mappings.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= iova)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    // Page by page with the sizes iommu_map chose for this domain: some 3.3 drivers (MSM) ignore an unmap length that
    // is not one page size (msm.md §9.7), so a single iommu_unmap of the range would leave it mapped.
    private static void UnmapFrom(IommuDomain domain, SharedMapping m)
    {
        uint bitmap = domain.Ops.PgsizeBitmap;
        uint iova = m.Iova, pa = m.Pa, left = m.Size;
        while (left != 0)
        {
            uint page = PageSizeSplitter.PageSize(bitmap, iova, pa, left);
            _ = IommuApi.Unmap(domain, iova, page);
            iova += page;
            pa += page;
            left -= page;
        }
    }
}
