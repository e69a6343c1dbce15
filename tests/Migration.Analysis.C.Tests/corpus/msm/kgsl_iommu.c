/*
 * kgsl_iommu.c - imitation of drivers/gpu/msm/kgsl_iommu.c (CAF msm-3.0, 2011-2012), msm.md 8: GPU
 * pagetables as IOMMU domains, mapped with the CAF iommu_map_range extension and the Era-A order-based
 * iommu_map / iommu_unmap.
 */
#include <linux/iommu.h>
#include <mach/iommu.h>

#include "kgsl.h"
#include "kgsl_mmu.h"

static int kgsl_get_iommu_ctxt(struct kgsl_iommu *iommu, struct device *dev)
{
	struct kgsl_device_iommu_data *pdata = dev->platform_data;

	iommu->iommu_user_dev = msm_iommu_get_ctx(pdata->iommu_user_ctx_name);
	if (iommu->iommu_user_dev == NULL)
		return -EINVAL;
	iommu->iommu_priv_dev = msm_iommu_get_ctx(pdata->iommu_priv_ctx_name);
	return 0;
}

static void *kgsl_iommu_create_pagetable(void)
{
	struct iommu_domain *domain = iommu_domain_alloc(0);

	if (!domain)
		KGSL_CORE_ERR("Failed to create iommu domain\n");
	return domain;
}

static int kgsl_iommu_map(void *mmu_specific_pt, struct kgsl_memdesc *memdesc, unsigned int protflags)
{
	struct iommu_domain *domain = mmu_specific_pt;
	unsigned int iommu_virt_addr = memdesc->gpuaddr;
	int ret;

	ret = iommu_map_range(domain, iommu_virt_addr, memdesc->sg, memdesc->size, IOMMU_READ | IOMMU_WRITE);
	if (ret) {
		KGSL_CORE_ERR("iommu_map_range(%p, %x, %p, %d, %d) failed: %d\n", domain, iommu_virt_addr,
			      memdesc->sg, memdesc->size, 0, ret);
		return ret;
	}
	return ret;
}

static int kgsl_iommu_unmap(void *mmu_specific_pt, struct kgsl_memdesc *memdesc)
{
	struct iommu_domain *domain = mmu_specific_pt;
	unsigned int range = memdesc->size;

	iommu_unmap_range(domain, memdesc->gpuaddr, range);
	return 0;
}

/* The guard page: one 4K page in the Era-A order-based form (order 0), then mapped again byte-sized. */
static int kgsl_iommu_map_guard_page(struct iommu_domain *domain, unsigned int gpuaddr, phys_addr_t guard)
{
	int ret;

	ret = iommu_map(domain, gpuaddr, guard, get_order(SZ_4K), IOMMU_READ);
	if (ret)
		return ret;
	iommu_unmap(domain, gpuaddr, 0);

	/* Byte-sized (Linux 3.3+): the length argument is a size, so neither call is a finding. */
	ret = iommu_map(domain, gpuaddr, guard, SZ_4K, IOMMU_READ);
	if (ret)
		return ret;
	iommu_unmap(domain, gpuaddr, PAGE_SIZE);
	return 0;
}

static unsigned int kgsl_iommu_pt_get_base_addr(struct kgsl_pagetable *pt)
{
	struct kgsl_iommu_pt *iommu_pt = pt->priv;

	return iommu_get_pt_base_addr(iommu_pt->domain) & (KGSL_IOMMU_TTBR0_PA_MASK << KGSL_IOMMU_TTBR0_PA_SHIFT);
}
