using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>
/// One device address space shared by IOMMUs of different page-table formats: the 2010 VCM proposal's global
/// mapping view, built as a library on the generic API, as upstream asked. Every attached domain gets each mapping
/// through its own driver (iommu_map splits by that domain's pgsize_bitmap); a failure on any domain rolls the call
/// back on all of them; attaching to a populated space replays its mappings. The space owns no memory: buffers come
/// from an allocator of their own, so a detached or vanished device takes nothing with it.
/// </summary>
public sealed class SharedAddressSpace
{
    private readonly List<(IommuDomain Domain, Func<int, int> Prot)> _attached = new();
    private readonly SortedDictionary<uint, SharedMapping> _mappings = new();

    /// <summary>The attached domains, in attach order.</summary>
    public IReadOnlyList<IommuDomain> Domains => _attached.Select(a => a.Domain).ToList();

    /// <summary>The mappings, by device address.</summary>
    public IReadOnlyCollection<SharedMapping> Mappings => _mappings.Values;

    /// <summary>
    /// Attaches <paramref name="domain"/>, whose driver reads prot through <paramref name="protFor"/> (identity when
    /// null: an OMAP driver needs its IOVMF bits, the mainline MSM driver a cache class), and replays every existing
    /// mapping into it. 0, -EBUSY when already attached, or the first driver error with the replay undone.
    /// </summary>
    public int Attach(IommuDomain domain, Func<int, int>? protFor = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (_attached.Any(a => ReferenceEquals(a.Domain, domain)))
            return -Errno.EBUSY;
        Func<int, int> prot = protFor ?? (p => p);
        var replayed = new List<SharedMapping>();
        foreach (SharedMapping m in _mappings.Values)
        {
            int ret = IommuApi.Map(domain, m.Iova, m.Pa, m.Size, prot(m.Prot));
            if (ret != 0)
            {
                foreach (SharedMapping done in replayed)
                    UnmapFrom(domain, done);
                return ret;
            }
            replayed.Add(m);
        }
        _attached.Add((domain, prot));
        return 0;
    }

    /// <summary>Detaches <paramref name="domain"/>: its own entries are unmapped; the space and the other domains keep theirs.</summary>
    public void Detach(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (_attached.FindIndex(a => ReferenceEquals(a.Domain, domain)) is var i and >= 0)
        {
            foreach (SharedMapping m in _mappings.Values)
                UnmapFrom(domain, m);
            _attached.RemoveAt(i);
        }
    }

    /// <summary>
    /// Forgets <paramref name="domain"/> without touching its tables: the device vanished (a crash mid-stream); the
    /// mappings, the buffers and every other domain stay as they were.
    /// </summary>
    public void Forget(IommuDomain domain) => _attached.RemoveAll(a => ReferenceEquals(a.Domain, domain));

    /// <summary>
    /// Maps [iova, iova + size) → pa into every attached domain. 0; -EEXIST when the range overlaps a mapping; or the
    /// first driver error, with the call undone on the domains already done (none keeps a partial mapping).
    /// </summary>
    public int Map(uint iova, uint pa, uint size, int prot)
    {
        if (size == 0 || (ulong)iova + size > 0x1_0000_0000UL)
            return -Errno.EINVAL;
        foreach (SharedMapping m in _mappings.Values)
        {
            if (iova < m.Iova + (ulong)m.Size && m.Iova < iova + (ulong)size)
                return -Errno.EEXIST;
        }
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

    /// <summary>Unmaps the mapping that starts at <paramref name="iova"/> from every attached domain; 0 or -ENOENT.</summary>
    public int Unmap(uint iova)
    {
        if (!_mappings.Remove(iova, out SharedMapping m))
            return -Errno.ENOENT;
        foreach ((IommuDomain domain, _) in _attached)
            UnmapFrom(domain, m);
        return 0;
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
