import { useState } from 'react';
import { Alert, Button, Form, Input, Result, Spin, Typography } from 'antd';
import { SolicitationResponse } from '@yipan/protocol';
import { ApiError } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { SignedOutPage } from '../shell/SignedOutPage';
import { proposalErrorText } from './proposalError';
import { submitPublicProposal, solicitationUrl } from './proposalApi';
import { ProposalFormFields, type ProposalFormValues } from './ProposalFormFields';
import './solicitation.css';

/** The form's values plus the honeypot, which people never see. */
type Values = ProposalFormValues & { website?: string };

/** Where the page stands: filling in, or thanked for a proposal. */
type Stage = 'form' | 'thanks';

/**
 * The public call for proposals (人大常委会监督议题建议征集), no sign-in: the plan's name, the form with
 * counters and clear messages, a thank-you once sent, and plain words when the call has closed.
 */
export function PublicProposePage({ planId }: { planId: string }) {
  const { t, locale } = useI18n();
  const info = useRequest(solicitationUrl(planId), SolicitationResponse);
  const [form] = Form.useForm<Values>();
  const [stage, setStage] = useState<Stage>('form');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (values: Values) => {
    setSending(true);
    setFailure(null);
    try {
      await submitPublicProposal(planId, {
        title: values.title,
        reason: values.reason,
        problem: values.problem,
        contact: values.contact ?? '',
        website: values.website ?? '',
      });
      form.resetFields();
      setStage('thanks');
    } catch (error) {
      setFailure(proposalErrorText(error, t, locale));
    } finally {
      setSending(false);
    }
  };

  let body;
  if (info.loading) body = <Spin className="page-spin" description={t('app.loading')} />;
  else if (info.error || !info.data)
    body = (
      <Result
        status={info.error instanceof ApiError && info.error.status === 404 ? '404' : 'warning'}
        title={
          info.error instanceof ApiError && info.error.status === 404
            ? t('solicitation.public.notFound')
            : t('solicitation.public.loadFailed')
        }
      />
    );
  else {
    const { plan } = info.data;
    body = (
      <>
        <Typography.Paragraph className="propose-plan" data-testid="propose-plan">
          <Typography.Text strong>{plan.title}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t('solicitation.public.orgYear', { org: plan.orgName, year: plan.year })}
          </Typography.Text>
        </Typography.Paragraph>
        {!plan.open ? (
          <Result
            status="info"
            title={t('solicitation.public.closed')}
            subTitle={t('solicitation.public.closedHint')}
          />
        ) : stage === 'thanks' ? (
          <Result
            status="success"
            role="status"
            title={t('solicitation.thanks.title')}
            subTitle={t('solicitation.thanks.body')}
            extra={
              <Button type="primary" onClick={() => setStage('form')}>
                {t('solicitation.thanks.again')}
              </Button>
            }
          />
        ) : (
          <>
            <Typography.Paragraph>
              {t('solicitation.public.intro', { title: plan.title })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" className="propose-required">
              {t('solicitation.public.required')}
            </Typography.Paragraph>
            {failure ? (
              <Alert
                className="propose-alert"
                type="error"
                showIcon
                role="alert"
                title={t('solicitation.errorTitle')}
                description={failure}
                data-testid="propose-error"
              />
            ) : null}
            <Form<Values>
              form={form}
              name="propose"
              layout="vertical"
              requiredMark
              onFinish={(values) => void send(values)}
              disabled={sending}
            >
              <ProposalFormFields />
              {/* A honeypot: out of sight, out of the tab order and hidden from screen readers; only bots fill it. */}
              <div className="propose-honeypot" aria-hidden="true">
                <Form.Item name="website" label={t('solicitation.field.honeypot')}>
                  <Input tabIndex={-1} autoComplete="off" />
                </Form.Item>
              </div>
              <Button type="primary" htmlType="submit" loading={sending} block size="large">
                {t('solicitation.submit')}
              </Button>
            </Form>
          </>
        )}
      </>
    );
  }

  return (
    <SignedOutPage name="propose" title={t('solicitation.public.heading')}>
      {body}
    </SignedOutPage>
  );
}
