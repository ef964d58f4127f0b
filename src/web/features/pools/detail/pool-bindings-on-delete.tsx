import { BindingsOnDelete } from '@/components/form/bindings-on-delete.tsx';
import { poolBindingQueries } from '../api/role-bindings.ts';
import { bindingResourceLabel } from './binding-label.ts';

const WORDING = {
  unlisted: 'Any it has are deleted with it.',
  none: 'It holds no role bindings.',
  some: (count: string, total: number) =>
    `Its ${count} ${total === 1 ? 'is' : 'are'} deleted with it:`,
  listLabel: 'Role bindings deleted with the pool',
  // docs/decisions/015-role-bindings-in-the-emulator.md: a deleted pool's
  // bindings go with it, those it holds and those on it. If the live
  // service turns out to keep them, this text changes with the emulator.
  after:
    'Bindings that give others rights on the pool itself, such as its owner’s, are deleted too.',
};

/**
 * The role bindings a pool holds and what deleting the pool does to them,
 * each as its role on the resource its CRN pattern names.
 */
export function PoolBindingsOnDelete({
  providerId,
  poolId,
}: {
  providerId: string;
  poolId: string;
}) {
  return (
    <BindingsOnDelete
      bindingsQuery={(organizationId) =>
        poolBindingQueries.firstPage(providerId, poolId, organizationId)
      }
      wording={WORDING}
      items={(listed) =>
        listed.map((binding) => ({
          key: binding.id,
          content: (
            <>
              <span className="font-medium">{binding.role_name}</span> on{' '}
              <span title={binding.crn_pattern}>
                {bindingResourceLabel(binding.crn_pattern)}
              </span>
            </>
          ),
        }))
      }
    />
  );
}
