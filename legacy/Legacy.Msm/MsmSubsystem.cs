using Legacy.Iommu;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.Msm;

/// <summary>
/// arch/arm/mach-msm/subsystem_map.c of the G3 generation (CAF msm-3.0, mid 2012; msm.md §7.6):
/// msm_subsystem_map_buffer, msm_subsystem_unmap_buffer, msm_subsystem_check_iova_mapping and their
/// subsystem → domain / partition tables, over a booted <see cref="MsmIommuDomains"/>. The two rb-trees
/// (buffer_root keyed by vaddr or result pointer, phys_root keyed by phys) live in this object.
/// </summary>
public sealed class MsmSubsystem
{
    private const uint SZ_4K = 0x1000;
    private const int Order4K = 0; // get_order(SZ_4K)
    private const int ReadWrite = IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE;

    // subsystem_to_domain_tbl[] (8 slots; msm.md §7.6): ROTATOR → DISPLAY_WRITE, slot MAX_SUBSYSTEM_ID → ROTATOR_SRC.
    private static readonly uint[] SubsystemToDomainTbl =
    [
        VIDEO_DOMAIN,
        VIDEO_DOMAIN,
        CAMERA_DOMAIN,
        DISPLAY_READ_DOMAIN,
        DISPLAY_WRITE_DOMAIN,
        ROTATOR_SRC_DOMAIN,
        ROTATOR_DST_DOMAIN,
        0xFFFFFFFF,
    ];

    private readonly Dictionary<object, MsmBufferNode> _bufferRoot = new();
    private readonly Dictionary<uint, MsmBufferNode> _physRoot = new();
    private readonly List<string> _log = new();

    /// <summary>Boots subsystem_map.c over the booted domains <paramref name="domains"/> (empty trees).</summary>
    public MsmSubsystem(MsmIommuDomains domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        Domains = domains;
    }

    /// <summary>The iommu_domains.c instance the buffers are mapped through.</summary>
    public MsmIommuDomains Domains { get; }

    /// <summary>
    /// Times msm_subsystem_unmap_buffer hit <c>WARN(ret, "iommu_unmap returned a non-zero value")</c>
    /// (msm.md §7.6 step 2, §9.17; the order-based unmap returns 0 on success in 3.0).
    /// </summary>
    public int UnmapWarnings { get; private set; }

    /// <summary>Nodes in buffer_root (live mappings).</summary>
    public int BufferCount => _bufferRoot.Count;

    /// <summary>Nodes in phys_root (live kernel mappings, KADDR).</summary>
    public int PhysBufferCount => _physRoot.Count;

    /// <summary>pr_err/pr_warn/WARN messages printed by these functions, oldest first.</summary>
    public IReadOnlyList<string> Log => _log;

    private IommuCore Core => Domains.Core;

    private KernelMemory KernelMemory => Domains.KernelMemory;

    /// <summary>
    /// msm_subsystem_get_domain_no(subsys_id) (msm.md §7.6): subsystem_to_domain_tbl[id] for −1 &lt; id ≤
    /// MAX_SUBSYSTEM_ID, else slot MAX_SUBSYSTEM_ID (ROTATOR_SRC_DOMAIN).
    /// </summary>
    public static uint MsmSubsystemGetDomainNo(int subsysId) =>
        subsysId > INVALID_SUBSYS_ID && subsysId <= MAX_SUBSYSTEM_ID && subsysId < SubsystemToDomainTbl.Length
            ? SubsystemToDomainTbl[subsysId]
            : SubsystemToDomainTbl[MAX_SUBSYSTEM_ID];

    /// <summary>
    /// msm_subsystem_get_partition_no(subsys_id) (msm.md §7.6): VIDEO_FWARE → VIDEO_FIRMWARE_POOL, VIDEO →
    /// VIDEO_MAIN_POOL, CAMERA/DISPLAY/ROTATOR → GEN_POOL, others 0xFFFFFFFF.
    /// </summary>
    public static uint MsmSubsystemGetPartitionNo(int subsysId) => subsysId switch
    {
        MSM_SUBSYSTEM_VIDEO_FWARE => VIDEO_FIRMWARE_POOL,
        MSM_SUBSYSTEM_VIDEO => VIDEO_MAIN_POOL,
        MSM_SUBSYSTEM_CAMERA or MSM_SUBSYSTEM_DISPLAY or MSM_SUBSYSTEM_ROTATOR => GEN_POOL,
        _ => 0xFFFFFFFF,
    };

    /// <summary>
    /// msm_subsystem_check_iova_mapping(subsys_id, iova) (msm.md §7.6): <paramref name="iova"/> itself without
    /// IOMMU, else iommu_iova_to_phys in the subsystem's domain (0 when it has no attached context).
    /// </summary>
    public uint CheckIovaMapping(int subsysId, uint iova)
    {
        if (Domains.MsmUseIommu() == 0)
            return iova;
        IommuDomain? domain = Domains.MsmGetIommuDomain((int)MsmSubsystemGetDomainNo(subsysId));
        return Core.IommuIovaToPhys(MsmIommuDomains.NonNull(domain, "iommu_iova_to_phys"), iova);
    }

    /// <summary>
    /// msm_subsystem_map_buffer(phys, length, flags, subsys_ids, nsubsys) (G3, msm.md §7.6 steps 1–6).
    /// ERR_PTR(-EINVAL) without KADDR/IOVA, for a phys already kernel-mapped, a failed ioremap or a failed
    /// page map (after the undo paths); ERR_PTR(-ENOMEM) when a kzalloc fails. Per subsystem: identity
    /// without IOMMU; a failed domain lookup or IOVA allocation leaves iova[i] = 0 and the call still
    /// succeeds (§9.13); else the rounded length is mapped as order-0 pages with IOMMU_READ|IOMMU_WRITE,
    /// and with IOMMU_2X the second half onto the dummy page (result ignored). <paramref name="subsysIds"/>
    /// is stored, not copied, and must hold at least <paramref name="nsubsys"/> ids (the kernel would read
    /// past the array).
    /// </summary>
    public ErrPtr<MsmMappedBuffer> MapBuffer(uint phys, uint length, uint flags, int[]? subsysIds, uint nsubsys)
    {
        if (subsysIds is not null && nsubsys > (uint)subsysIds.Length)
            throw new ArgumentOutOfRangeException(nameof(nsubsys), nsubsys, $"subsys_ids holds {subsysIds.Length} ids (model precondition)");

        // Step 1.
        if ((flags & MSM_SUBSYSTEM_MAP_KADDR) == 0 && (flags & MSM_SUBSYSTEM_MAP_IOVA) == 0)
        {
            _log.Add("msm_subsystem_map_buffer: no mapping flag was specified. The caller should explicitly specify what to map in the flags.");
            return ErrPtr<MsmMappedBuffer>.Error(-Errno.EINVAL);
        }

        // Step 2: kzalloc(buf), kzalloc(node), GFP_ATOMIC.
        if (!KernelMemory.TryKzalloc())
            return ErrPtr<MsmMappedBuffer>.Error(-Errno.ENOMEM);
        var buf = new MsmMappedBuffer();
        if (!KernelMemory.TryKzalloc())
            return ErrPtr<MsmMappedBuffer>.Error(-Errno.ENOMEM); // outkfreebuf
        var node = new MsmBufferNode(phys);

        // Step 3.
        if ((flags & MSM_SUBSYSTEM_MAP_KADDR) != 0)
        {
            if (_physRoot.ContainsKey(phys))
            {
                _log.Add($"msm_subsystem_map_buffer: WARN: Attempting to map 0x{phys:x8} twice in the kernel virtual space. Don't do that!");
                return ErrPtr<MsmMappedBuffer>.Error(-Errno.EINVAL); // outkfreenode
            }
            // MAP_CACHED → ioremap, otherwise ioremap_nocache (the "no cachability flag" branch is
            // unreachable, §7.6 step 3); the model's ioremap has no cacheability attribute.
            buf.Vaddr = KernelMemory.Ioremap(phys, length);
            if (buf.Vaddr == 0)
            {
                _log.Add("msm_subsystem_map_buffer: could not ioremap");
                return ErrPtr<MsmMappedBuffer>.Error(-Errno.EINVAL); // outkfreenode
            }
            // add_buffer_phys: a duplicate cannot happen after the lookup above.
            _physRoot.Add(phys, node);
        }

        uint mapSize = length;
        if ((flags & MSM_SUBSYSTEM_MAP_IOVA) != 0 && subsysIds is not null)
        {
            // Step 4a.
            length = unchecked((length + SZ_4K - 1) & ~(SZ_4K - 1)); // round_up(length, SZ_4K)
            mapSize = (flags & MSM_SUBSYSTEM_MAP_IOMMU_2X) != 0 ? unchecked(2 * length) : length;

            // Step 4b.
            if (!KernelMemory.TryKzalloc())
            {
                UndoKernelMapping(flags, buf, node); // outremovephys
                return ErrPtr<MsmMappedBuffer>.Error(-Errno.ENOMEM);
            }
            buf.Iova = new uint[nsubsys];

            // Step 4c: int min_align = flags & ~(SZ_4K - 1); max(min_align, SZ_4K) is a signed int max, so
            // a flags word with bit 31 set yields a negative min_align and thus 4K.
            int minAlign = unchecked((int)(flags & ~(SZ_4K - 1)));
            uint align = (uint)Math.Max(minAlign, (int)SZ_4K);

            // Step 4d.
            IommuDomain? d = null;
            for (int i = 0; i < nsubsys; i++)
            {
                if (Domains.MsmUseIommu() == 0)
                {
                    buf.Iova[i] = phys;
                    continue;
                }
                d = Domains.MsmGetIommuDomain((int)MsmSubsystemGetDomainNo(subsysIds[i]));
                if (d is null)
                {
                    _log.Add($"msm_subsystem_map_buffer: could not get domain for subsystem {subsysIds[i]}");
                    continue;
                }
                uint domainNo = MsmSubsystemGetDomainNo(subsysIds[i]);
                uint partitionNo = MsmSubsystemGetPartitionNo(subsysIds[i]);
                uint iovaStart = Domains.MsmAllocateIovaAddress(domainNo, partitionNo, mapSize, align);
                if (iovaStart == 0)
                {
                    _log.Add("msm_subsystem_map_buffer: could not allocate iova address");
                    continue;
                }

                uint tempPhys = phys;
                uint tempVa = iovaStart;
                int mapped = 0;
                for (int j = unchecked((int)length); j > 0; j -= (int)SZ_4K)
                {
                    int ret = Core.IommuMap(d, tempVa, tempPhys, Order4K, ReadWrite);
                    if (ret != 0)
                    {
                        _log.Add($"msm_subsystem_map_buffer: could not map iommu for domain, iova 0x{tempVa:x8}, phys 0x{tempPhys:x8}");
                        UndoIova(d, i, iovaStart, mapped, subsysIds, buf.Iova, length); // outdomain
                        UndoKernelMapping(flags, buf, node); // outremovephys, outiounmap
                        return ErrPtr<MsmMappedBuffer>.Error(-Errno.EINVAL);
                    }
                    mapped++;
                    tempPhys = unchecked(tempPhys + SZ_4K);
                    tempVa = unchecked(tempVa + SZ_4K);
                }
                buf.Iova[i] = iovaStart;

                // 2X: [iova + length, iova + 2·length) onto the dummy page; the result is ignored (§7.6 step 4d).
                if ((flags & MSM_SUBSYSTEM_MAP_IOMMU_2X) != 0)
                    Domains.MsmIommuMapExtra(d, tempVa, length, SZ_4K, ReadWrite);
            }
        }

        // Step 5: node->subsystems = subsys_ids (the caller's array); add_buffer keyed by vaddr or by buf.
        node.Buf = buf;
        node.Subsystems = subsysIds;
        node.Length = mapSize;
        node.Nsubsys = nsubsys;
        node.Key = buf.Vaddr != 0 ? buf.Vaddr : buf;
        // add_buffer's duplicate branch (WARN, outiova) is unreachable: a live vaddr is never handed out
        // twice by ioremap and a fresh result is a new object.
        _bufferRoot.Add(node.Key, node);

        // Step 6.
        return buf;
    }

    /// <summary>
    /// msm_subsystem_unmap_buffer(buf) (msm.md §7.6): -EINVAL for NULL/ERR_PTR, an unknown buffer or one whose
    /// node holds another result. With iova and the IOMMU in use, per subsystem (ids read from the caller's
    /// stored array): order-0 iommu_unmap of every 4K page over node->length (2X padding included) from
    /// iova[i], counting each non-zero return in <see cref="UnmapWarnings"/>, then free node->length of IOVA —
    /// also for iova[i] = 0, which BUGs in gen_pool_free (§9.13). Then iounmap, drop the nodes, return 0.
    /// </summary>
    public int UnmapBuffer(ErrPtr<MsmMappedBuffer> buf)
    {
        if (buf.IsErrOrNull)
            return -Errno.EINVAL;
        MsmMappedBuffer b = buf.Value!;
        object key = b.Vaddr != 0 ? b.Vaddr : b;
        if (!_bufferRoot.TryGetValue(key, out MsmBufferNode? node))
            return -Errno.EINVAL;
        if (!ReferenceEquals(node.Buf, b))
        {
            _log.Add("msm_subsystem_unmap_buffer: caller must pass in the same buffer structure returned from map_buffer when freeding");
            return -Errno.EINVAL;
        }

        if (b.Iova is not null)
        {
            if (Domains.MsmUseIommu() != 0)
            {
                for (int i = 0; i < node.Nsubsys; i++)
                {
                    int subsys = node.Subsystems![i];
                    IommuDomain? subsysDomain = Domains.MsmGetIommuDomain((int)MsmSubsystemGetDomainNo(subsys));
                    uint domainNo = MsmSubsystemGetDomainNo(subsys);
                    uint partitionNo = MsmSubsystemGetPartitionNo(subsys);

                    uint tempVa = b.Iova[i];
                    for (int j = unchecked((int)node.Length); j > 0; j -= (int)SZ_4K)
                    {
                        int ret = Core.IommuUnmap(MsmIommuDomains.NonNull(subsysDomain, "iommu_unmap"), tempVa, Order4K);
                        if (ret != 0)
                        {
                            UnmapWarnings++;
                            _log.Add($"msm_subsystem_unmap_buffer: WARN: iommu_unmap returned a non-zero value ({ret}) at iova 0x{tempVa:x8}");
                        }
                        tempVa = unchecked(tempVa + SZ_4K);
                    }
                    Domains.MsmFreeIovaAddress(b.Iova[i], domainNo, partitionNo, node.Length);
                }
            }
            // kfree(buf->iova): the field is left as the caller sees it (the struct is freed next).
        }

        if (b.Vaddr != 0)
        {
            _physRoot.Remove(node.Phys); // remove_buffer_phys
            KernelMemory.Iounmap(b.Vaddr);
        }
        _bufferRoot.Remove(node.Key!); // remove_buffer
        return 0;
    }

    // outdomain (msm.md §7.6 "Undo paths"): unmap the current subsystem's pages mapped so far with d, then
    // every earlier subsystem's `length` bytes from iova[k] with the LAST domain pointer d (not their own),
    // freeing `length` (not map_size) of their IOVA — iova[k] = 0 included. The current subsystem's IOVA
    // is not freed (the reference lists no free for it).
    private void UndoIova(IommuDomain d, int current, uint currentIova, int mappedPages, int[] subsysIds, uint[] iova, uint length)
    {
        for (int p = mappedPages - 1; p >= 0; p--)
            Core.IommuUnmap(d, unchecked(currentIova + (uint)p * SZ_4K), Order4K);

        for (int k = current - 1; k >= 0; k--)
        {
            if (Domains.MsmUseIommu() == 0)
                continue;
            uint domainNo = MsmSubsystemGetDomainNo(subsysIds[k]);
            uint partitionNo = MsmSubsystemGetPartitionNo(subsysIds[k]);
            uint tempVa = iova[k];
            for (int j = unchecked((int)length); j > 0; j -= (int)SZ_4K)
            {
                Core.IommuUnmap(d, tempVa, Order4K);
                tempVa = unchecked(tempVa + SZ_4K);
            }
            Domains.MsmFreeIovaAddress(iova[k], domainNo, partitionNo, length);
        }
        // kfree(buf->iova)
    }

    // outremovephys + outiounmap: undo the kernel mapping of a KADDR request.
    private void UndoKernelMapping(uint flags, MsmMappedBuffer buf, MsmBufferNode node)
    {
        if ((flags & MSM_SUBSYSTEM_MAP_KADDR) == 0)
            return;
        _physRoot.Remove(node.Phys);
        KernelMemory.Iounmap(buf.Vaddr);
    }
}
