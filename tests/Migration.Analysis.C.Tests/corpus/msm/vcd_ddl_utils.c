/*
 * vcd_ddl_utils.c - imitation of drivers/video/msm/vidc/1080p/ddl/vcd_ddl_utils.c (CAF msm-3.0), msm.md 8:
 * codec internal buffers and firmware mapped with msm_subsystem_map_buffer (IOVA | KADDR).
 */
#include <linux/msm_subsystem_map.h>

#include "vcd_ddl_utils.h"

static unsigned int vidc_mmu_subsystem[] = { MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE };

void *ddl_pmem_alloc(struct ddl_buf_addr *addr, size_t sz, u32 alignment)
{
	u32 alloc_size, offset = 0, flags;
	int index;

	alloc_size = sz + alignment;
	addr->alloced_phys_addr = (phys_addr_t)allocate_contiguous_memory_nomap(alloc_size, res_trk_get_mem_type(), SZ_4K);
	if (!addr->alloced_phys_addr) {
		DDL_MSG_ERROR("%s() : acm alloc failed (%d)\n", __func__, alloc_size);
		goto bail_out;
	}
	flags = MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_KADDR;
	if (alignment == DDL_KILO_BYTE(128))
		index = 1;
	else if (alignment > SZ_4K)
		flags |= MSM_SUBSYSTEM_ALIGN_IOVA_8K;
	else
		index = 0;

	addr->mapped_buffer = msm_subsystem_map_buffer((unsigned long)addr->alloced_phys_addr, alloc_size, flags,
						       &vidc_mmu_subsystem[index], sizeof(vidc_mmu_subsystem[index]) / sizeof(unsigned int));
	if (IS_ERR(addr->mapped_buffer)) {
		pr_err(" %s() buffer map failed", __func__);
		goto free_acm_alloc;
	}
	return addr->virtual_base_addr;

free_acm_alloc:
	free_contiguous_memory_by_paddr((unsigned long)addr->alloced_phys_addr);
bail_out:
	return NULL;
}

void ddl_pmem_free(struct ddl_buf_addr *addr)
{
	if (!addr)
		return;
	if (addr->mapped_buffer)
		msm_subsystem_unmap_buffer(addr->mapped_buffer);
	if (addr->alloced_phys_addr)
		free_contiguous_memory_by_paddr((unsigned long)addr->alloced_phys_addr);
	memset(addr, 0, sizeof(struct ddl_buf_addr));
}
