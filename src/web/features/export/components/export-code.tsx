import { useId, useMemo, useState } from 'react';
import {
  EXPORT_FORMATS,
  exportAs,
  type ExportFormat,
  type ExportSubject,
} from '#contract/export.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { CopyButton } from '@/components/ui/copy-button.tsx';
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
    help: 'For the confluentinc/confluent provider. With Terraform 1.5 or later, `terraform plan` adopts the existing objects through the import blocks, which Confluent’s own importer does not write for identity pools.',
  },
  cli: {
    label: 'CLI',
    help: 'Confluent CLI commands that create the same objects, after `confluent login`.',
  },
  curl: {
    label: 'curl',
    help: 'Calls to the Confluent Cloud API that create the same objects. The API key is read from CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET; no secret is written here.',
  },
  json: {
    label: 'JSON',
    help: 'The objects as the API returned them.',
  },
};

/**
 * `subject` as code, one tab per format, each with its text read-only and
 * ready to copy or download.
 */
export function ExportCode({ subject }: { subject: ExportSubject }) {
  const [format, setFormat] = useState<ExportFormat>('terraform');
  const files = useMemo(
    () =>
      Object.fromEntries(
        EXPORT_FORMATS.map((each) => [each, exportAs(each, subject)]),
      ) as Record<ExportFormat, ReturnType<typeof exportAs>>,
    [subject],
  );
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
            {file.warnings.length > 0 && (
              <Alert tone="warning">
                <ul className="list-disc pl-5">
                  {file.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </Alert>
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
