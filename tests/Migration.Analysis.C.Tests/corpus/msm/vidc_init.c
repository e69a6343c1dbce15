/*
 * vidc_init.c - imitation of drivers/video/msm/vidc/common/init/vidc_init.c (CAF msm-3.0), msm.md 8: the
 * decoder/encoder buffers are mapped into the VIDEO subsystems with msm_subsystem_map_buffer.
 */
#include <linux/msm_subsystem_map.h>

#include "vidc_init.h"

static int vidc_insert_addr_table(struct video_client_ctx *client_ctx, enum buffer_dir buffer,
				  unsigned long user_vaddr, unsigned long *kernel_vaddr, int pmem_fd,
				  unsigned long buffer_addr_offset, unsigned int max_num_buffers, unsigned long length)
{
	struct buf_addr_table *buf_addr_table;
	struct msm_mapped_buffer *mapped_buffer = NULL;
	unsigned long phys_addr, len;
	u32 *num_of_buffers = NULL;
	int subsys_id[MAX_VIDEO_NUM_OF_BUFF];
	unsigned long flags;
	int nsubsys;

	if (get_pmem_file(pmem_fd, &phys_addr, kernel_vaddr, &len, &file))
		return false;

	flags = MSM_SUBSYSTEM_MAP_IOVA;
	if (length < SZ_1M)
		flags |= MSM_SUBSYSTEM_ALIGN_IOVA_8K;
	subsys_id[0] = MSM_SUBSYSTEM_VIDEO;
	subsys_id[1] = MSM_SUBSYSTEM_VIDEO_FWARE;
	nsubsys = 2;
	mapped_buffer = msm_subsystem_map_buffer(phys_addr, length, flags, subsys_id, nsubsys);
	if (IS_ERR(mapped_buffer)) {
		pr_err("buffer map failed\n");
		return false;
	}
	buf_addr_table[*num_of_buffers].client_data = (void *)mapped_buffer;
	return true;
}

static int vidc_delete_addr_table(struct video_client_ctx *client_ctx, enum buffer_dir buffer,
				  unsigned long user_vaddr, unsigned long *kernel_vaddr)
{
	struct buf_addr_table *buf_addr_table;
	int i = 0;

	if (buf_addr_table[i].client_data)
		msm_subsystem_unmap_buffer((struct msm_mapped_buffer *)buf_addr_table[i].client_data);
	return true;
}
