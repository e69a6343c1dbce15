/*
 * ion_cp_heap.c - imitation of drivers/gpu/ion/ion_cp_heap.c (CAF msm-3.4), msm.md 8: the ION heap back-end
 * of ion_map_iommu allocates an IOVA from the board's pool, maps the buffer and pads it with extra mappings.
 */
#include <linux/iommu.h>
#include <mach/iommu_domains.h>

#include "ion_priv.h"

static int ion_cp_heap_map_iommu(struct ion_buffer *buffer, struct ion_iommu_map *data, unsigned int domain_num,
				 unsigned int partition_num, unsigned long align, unsigned long iova_length,
				 unsigned long flags)
{
	struct iommu_domain *domain;
	unsigned long extra;
	int ret = 0;

	data->mapped_size = iova_length;
	extra = iova_length - buffer->size;

	data->iova_addr = msm_allocate_iova_address(domain_num, partition_num, data->mapped_size, align);
	if (!data->iova_addr) {
		ret = -ENOMEM;
		goto out;
	}

	domain = msm_get_iommu_domain(domain_num);
	if (!domain) {
		ret = -ENOMEM;
		goto out1;
	}

	ret = iommu_map_range(domain, data->iova_addr, buffer->sg_table->sgl, buffer->size, IOMMU_READ | IOMMU_WRITE);
	if (ret) {
		pr_err("%s: could not map %lx in domain %p\n", __func__, data->iova_addr, domain);
		goto out1;
	}

	if (extra) {
		unsigned long extra_iova_addr = data->iova_addr + buffer->size;

		ret = msm_iommu_map_extra(domain, extra_iova_addr, extra, SZ_4K, IOMMU_READ);
		if (ret)
			goto out2;
	}
	return ret;

out2:
	iommu_unmap_range(domain, data->iova_addr, buffer->size);
out1:
	msm_free_iova_address(data->iova_addr, domain_num, partition_num, data->mapped_size);
out:
	return ret;
}
