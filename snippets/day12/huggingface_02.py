"""상속으로 커스터마이징: forward를 다시 써서 평균 풀링 + label smoothing."""
import os

os.environ["HF_HUB_OFFLINE"] = "1"

import torch
import torch.nn.functional as F
from transformers import BertConfig, BertForSequenceClassification
from transformers.modeling_outputs import SequenceClassifierOutput


class MeanPoolBertClassifier(BertForSequenceClassification):
    """pooler 출력 대신 패딩을 뺀 토큰 벡터의 평균으로 분류하고 loss도 직접 정한다."""

    def __init__(self, config, label_smoothing=0.1):
        super().__init__(config)  # bert(pooler 포함), dropout, classifier는 부모가 만든다
        self.label_smoothing = label_smoothing

    def forward(self, input_ids, attention_mask, labels=None):
        out = self.bert(input_ids=input_ids, attention_mask=attention_mask)
        hidden = out.last_hidden_state                         # (B, T, H)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)   # (B, T, 1)
        # 패딩을 뺀 평균 (B, H)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1)
        logits = self.classifier(self.dropout(pooled))
        loss = None
        if labels is not None:
            loss = F.cross_entropy(logits, labels,
                                   label_smoothing=self.label_smoothing)
        return SequenceClassifierOutput(loss=loss, logits=logits)


config = BertConfig(vocab_size=100, hidden_size=16, num_hidden_layers=2,
                    num_attention_heads=2, intermediate_size=32, num_labels=3)
base = BertForSequenceClassification(config)
model = MeanPoolBertClassifier(config).eval()

# 구조(파라미터 이름)가 부모와 같으므로 부모의 가중치를 그대로 불러올 수 있다
print(model.load_state_dict(base.state_dict()))
#> <All keys matched successfully>
n_params = lambda m: sum(p.numel() for p in m.parameters())
print(n_params(model) == n_params(base))
#> True

torch.manual_seed(0)
input_ids = torch.randint(1, 100, (2, 5))
attention_mask = torch.tensor([[1, 1, 1, 1, 1],
                               [1, 1, 1, 0, 0]])
out = model(input_ids, attention_mask, labels=torch.tensor([0, 2]))
print(out.logits.shape, out.loss.shape)
#> torch.Size([2, 3]) torch.Size([])

# 평균에서 패딩을 뺐는지 확인: 패딩 칸의 토큰 id를 바꿔도 결과가 같아야 한다
changed = input_ids.clone()
changed[1, 3:] = 7
with torch.no_grad():
    same = torch.allclose(model(input_ids, attention_mask).logits,
                          model(changed, attention_mask).logits, atol=1e-6)
print("패딩을 바꿔도 logits 같음:", same)
#> 패딩을 바꿔도 logits 같음: True

out.loss.backward()  # 직접 만든 loss로도 역전파가 본체(bert)까지 내려간다
print(model.bert.embeddings.word_embeddings.weight.grad.shape)
#> torch.Size([100, 16])
# 부모의 pooler는 forward에서 계산은 되지만 loss에 쓰이지 않아서 gradient가 없다
print(model.bert.pooler.dense.weight.grad)
#> None
