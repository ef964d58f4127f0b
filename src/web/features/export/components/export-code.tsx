import { useId, useMemo, useState } from 'react';
import { TEXT_LIMITS } from '#contract/bodies.ts';
import {
  CONFLUENT_PROVIDER_VERSION,
  EXPORT_FORMATS,
  type ExportFile,
  type ExportFormat,
} from '#contract/export.ts';
import {
  exportAnyAs,
  type AnyExportSubject,
} from '#contract/export-federation.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { CopyButton } from '@/components/ui/copy-button.tsx';
import { Field, FieldDescription, FieldLabel } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import {
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '@/components/ui/tabs.tsx';
import { downloadFile } from '../download.ts';

const FORMATS: Record<ExportFormat, { label: string; help: string }> = {
  terraform: {
    label: 'Terraform',
    help: 'For the confluentinc/confluent provider. With Terraform 1.5 or later, `terraform plan` adopts the existing objects through the import blocks, which Confluent’s own importer does not write for these objects.',
  },
  cli: {
    label: 'CLI',
    help: 'Confluent CLI commands that create the same objects (or update existing ones, where the script says how), after `confluent login`. A provider’s script creates only what is missing (no jq needed), so it can run again. Filters are always passed explicitly: the CLI would otherwise reset them to true.',
  },
  curl: {
    label: 'curl',
    help: 'Calls to the Confluent Cloud API that create the same objects (group mappings and certificate objects: or update existing ones, with bodies written by jq). The API key is read from CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET; no secret is written here.',
  },
  json: {
    label: 'JSON',
    help: 'The objects as the API returned them.',
  },
};

// Where the Terraform goes. Beside an existing configuration (the default:
// what people paste into), a second `required_providers` for confluent
// would fail `terraform init`.
const TERRAFORM_LAYOUTS = [
  {
    value: 'resources',
    label: 'Into an existing configuration',
    help: 'Resources and import blocks only.',
  },
  {
    value: 'standalone',
    label: 'As a configuration of its own',
    help: `With the terraform block: Terraform 1.5 or later, confluentinc/confluent ${CONFLUENT_PROVIDER_VERSION}.`,
  },
] as const;

type TerraformLayout = (typeof TERRAFORM_LAYOUTS)[number]['value'];

function TerraformLayoutChoice({
  layout,
  onChange,
}: {
  layout: TerraformLayout;
  onChange: (layout: TerraformLayout) => void;
}) {
  const name = useId();
  return (
    <fieldset className="grid gap-1.5">
      <legend className="mb-1.5 text-sm font-medium text-slate-900">
        Where the Terraform goes
      </legend>
      {TERRAFORM_LAYOUTS.map((option) => (
        <label key={option.value} className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={layout === option.value}
            onChange={() => onChange(option.value)}
            className="mt-1"
          />
          <span>
            <span className="font-medium text-slate-900">{option.label}</span>
            <span className="text-slate-700"> — {option.help}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

// Confluent holds no description for the provider, and the Terraform
// provider refuses an empty one: one typed here goes into the file only.
function ProviderDescriptionField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <Field>
      <FieldLabel htmlFor={id}>Provider description for this file</FieldLabel>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        maxLength={TEXT_LIMITS.description}
        aria-describedby={`${id}-help`}
      />
      <FieldDescription id={`${id}-help`}>
        Goes into the Terraform only, so it differs from Confluent (which holds
        none) until `terraform apply` sets it. Lifeguard changes nothing in
        Confluent.
      </FieldDescription>
    </Field>
  );
}

/**
 * `subject` as code, one tab per format, each with its text read-only and
 * ready to copy or download.
 */
export function ExportCode({ subject }: { subject: AnyExportSubject }) {
  const [format, setFormat] = useState<ExportFormat>('terraform');
  const [layout, setLayout] = useState<TerraformLayout>('resources');
  const [description, setDescription] = useState('');
  const others = useMemo(
    () =>
      Object.fromEntries(
        EXPORT_FORMATS.filter((each) => each !== 'terraform').map((each) => [
          each,
          exportAnyAs(each, subject),
        ]),
      ) as Record<Exclude<ExportFormat, 'terraform'>, ExportFile>,
    [subject],
  );
  const terraform = useMemo(
    () =>
      exportAnyAs('terraform', subject, {
        withTerraformBlock: layout === 'standalone',
        providerDescription: description,
      }),
    [subject, layout, description],
  );
  const files: Record<ExportFormat, ExportFile> = { ...others, terraform };
  const id = useId();
  return (
    <Tabs
      value={format}
      onValueChange={(value) => {
        const next = EXPORT_FORMATS.find((each) => each === value);
        if (next) setFormat(next);
      }}
    >
      <TabsList aria-label="Export format">
        {EXPORT_FORMATS.map((each) => (
          <TabsTrigger key={each} value={each}>
            {FORMATS[each].label}
          </TabsTrigger>
        ))}
      </TabsList>
      {EXPORT_FORMATS.map((each) => {
        const file = files[each];
        const { label, help } = FORMATS[each];
        return (
          <TabsContent key={each} value={each} className="grid min-w-0 gap-3">
            <p id={`${id}-${each}-help`} className="text-sm text-slate-700">
              {help}
            </p>
            {each === 'terraform' && (
              <TerraformLayoutChoice layout={layout} onChange={setLayout} />
            )}
            {file.warnings.length > 0 && (
              <Alert tone="warning">
                <ul className="list-disc pl-5">
                  {file.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </Alert>
            )}
            {each === 'terraform' &&
              subject.kind === 'provider' &&
              !subject.provider.description && (
                <ProviderDescriptionField
                  value={description}
                  onChange={setDescription}
                />
              )}
            <textarea
              // Read-only but focusable and selectable, with a name: a
              // labelled <pre> is not allowed by ARIA (its role is generic).
              readOnly
              value={file.text}
              aria-label={`${label} code`}
              aria-describedby={`${id}-${each}-help`}
              spellCheck={false}
              wrap="off"
              rows={18}
              data-slot="export-code"
              className="w-full resize-y rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            />
            <div className="flex flex-wrap items-center gap-2">
              <CopyButton value={file.text} label={`${label} code`} />
              <Button
                variant="secondary"
                size="sm"
                onClick={() => downloadFile(file)}
              >
                Download <span className="font-mono">{file.filename}</span>
              </Button>
            </div>
          </TabsContent>
        );
      })}
    </Tabs>
  );
}
